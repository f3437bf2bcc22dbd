using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Shield.Fody.Contract;

namespace Shield.Inspect;

/// <summary>What a token parameter of a woven method now holds when the body reads it; null when the weave left it as the caller passed it.</summary>
public sealed record TokenEffect(string Parameter, string TypeName, string? Receives);

/// <summary>
/// What the weave did to one shielded method, read from its IL rather than assumed: the value each token parameter is
/// overwritten with, the runtime call that decides what the caller gets back, and the calls the state machine makes.
/// </summary>
public sealed record WeaveEffects(IReadOnlyList<TokenEffect> Tokens, string CallerReceives, IReadOnlyList<string> StateMachineCalls)
{
    const string Runtime = WeaveContract.Runtime.FullName;

    public static WeaveEffects Read(ShieldedMethod shielded)
    {
        var instructions = shielded.Method.Body.Instructions;
        var hasDeadline = RuntimeCalls(instructions).Any(call => call.Name == WeaveContract.Runtime.StartDeadline);
        var deadline = $"the deadline's token, which fires {shielded.TimeoutMilliseconds} ms after the call";

        var tokens = shielded.Method.Parameters
            .Where(p => IsToken(p.ParameterType))
            .Select(p => new TokenEffect(p.Name, ShortTypeName.Of(p.ParameterType), Receives(p, instructions, deadline)))
            .ToList();
        return new WeaveEffects(tokens, DescribeHandOver(shielded, instructions, hasDeadline), [.. DescribeStateMachineCalls(shielded.StateMachine), .. DescribeRuntimeAsyncBody(shielded)]);
    }

    static bool IsToken(TypeReference type) =>
        type.FullName is "System.Threading.CancellationToken" or "System.Nullable`1<System.Threading.CancellationToken>";

    static IEnumerable<MethodReference> RuntimeCalls(IEnumerable<Instruction> instructions) =>
        instructions.Where(i => i.OpCode.Code == Code.Call)
            .Select(i => (MethodReference)i.Operand)
            .Where(m => m.DeclaringType.FullName == Runtime);

    /// <summary>Reads the value stored into the parameter: the weave writes it once, before the body starts.</summary>
    static string? Receives(ParameterDefinition parameter, IList<Instruction> instructions, string deadline)
    {
        var store = instructions.FirstOrDefault(i => i.OpCode.Code is Code.Starg or Code.Starg_S && i.Operand == parameter);
        if (store is null)
        {
            return null;
        }

        if (store.Previous?.Operand is not MethodReference producer)
        {
            return $"what the instructions before IL_{store.Offset:x4} compute";
        }

        return (producer.DeclaringType.FullName, producer.Name, producer.Parameters.Count) switch
        {
            ("System.Threading.CancellationToken", "get_None", _) => "CancellationToken.None, which never fires",
            (Runtime, WeaveContract.Runtime.BodyToken, 1) => deadline,
            (Runtime, WeaveContract.Runtime.BodyToken, 2) when store.Previous.Previous?.OpCode.Code == Code.Ldnull =>
                "null when the caller passed null, otherwise CancellationToken.None, which never fires",
            (Runtime, WeaveContract.Runtime.BodyToken, 2) => deadline + " (also when the caller passed null)",
            _ => $"what {producer.DeclaringType.Name}.{producer.Name} returns",
        };
    }

    static string DescribeHandOver(ShieldedMethod shielded, IList<Instruction> instructions, bool hasDeadline)
    {
        var returnType = ShortTypeName.Of(shielded.Method.ReturnType);
        var handOvers = instructions.Where(i => i.OpCode.Code == Code.Ret)
            .Select(ret => ret.Previous?.Operand as MethodReference)
            .Where(m => m?.DeclaringType.FullName == Runtime)
            .Select(m => m!.Name)
            .Distinct()
            .ToList();
        if (handOvers.Count == 0)
        {
            return $"the {returnType} the method returns, as compiled: no runtime call decides what the caller receives";
        }

        var deadline = hasDeadline ? $"; the body's deadline starts at the call and ends with the body" : "";
        return $"what {WeaveContract.Runtime.Name}.{string.Join(" or ", handOvers)} returns: the body's own {returnType} when it has already finished or no caller token can be canceled, "
            + $"otherwise a proxy {returnType} that ends as the body ends, or is canceled as soon as a caller token fires while the body runs on{deadline}";
    }

    static IReadOnlyList<string> DescribeStateMachineCalls(TypeDefinition? stateMachine)
    {
        var moveNext = stateMachine?.Methods.FirstOrDefault(m => m.Name == "MoveNext");
        if (moveNext is null)
        {
            return [];
        }

        return [.. RuntimeCalls(moveNext.Body.Instructions)
            .GroupBy(call => call.Name)
            .OrderBy(group => Array.IndexOf(StateMachineCallOrder, group.Key) is var index and >= 0 ? index : int.MaxValue)
            .Select(group => $"{stateMachine!.Name}.MoveNext calls {WeaveContract.Runtime.Name}.{group.Key} {Times(group.Count())}: {Purpose(group.Key)}")];
    }

    static IEnumerable<string> DescribeRuntimeAsyncBody(ShieldedMethod shielded)
    {
        if (shielded.RuntimeAsyncBody is { } body)
        {
            yield return $"the runtime-async body moved to the private overload {body.Name}({string.Join(", ", body.Parameters.Select(p => ShortTypeName.Of(p.ParameterType)))}), "
                + "which keeps the method's name and lines; the runtime, not a state machine, suspends it";
        }
    }

    // The order a body meets them in.
    static readonly string[] StateMachineCallOrder =
    [
        WeaveContract.Runtime.Suspending, WeaveContract.Runtime.Finishing, WeaveContract.Runtime.Finished,
        WeaveContract.Runtime.Completing, WeaveContract.Runtime.Completed, WeaveContract.Runtime.Faulting, WeaveContract.Runtime.Faulted,
    ];

    static string Times(int count) => count == 1 ? "once" : $"{count} times";

    static string Purpose(string runtimeMethod) => runtimeMethod switch
    {
        WeaveContract.Runtime.Suspending => "on the first run, right before the body first suspends",
        WeaveContract.Runtime.Finishing => "on a later run, right before the builder completes the body's task: the call stops counting as in flight",
        WeaveContract.Runtime.Finished => "on a later run, right after the builder completed the body's task: the caller's proxy gets the result",
        WeaveContract.Runtime.Completing => "on a later run, right before the builder completes the body's task: the call stops counting as in flight (an earlier weave)",
        WeaveContract.Runtime.Completed => "on a later run, right after the builder completed the body's task: the caller's proxy gets the result (an earlier weave)",
        WeaveContract.Runtime.Faulting => "on a later run, right before the builder faults or cancels the body's task: a fault nobody waits for is reported, then the call stops counting",
        WeaveContract.Runtime.Faulted => "on a later run, right after the builder faulted or canceled the body's task: the caller's proxy gets the exception",
        _ => "not a call this version of shield-inspect knows",
    };
}
