using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Shield.Fody.Contract;
using Shield.Fody.Model;
using Shield.Fody.Selection;

namespace Shield.Inspect;

/// <summary>
/// A call a Calls pattern shielded where it is made: the callee's task goes straight to <c>ShieldRuntime.Returned</c>
/// with the caller's tokens, an operation of <c>&lt;Shield&gt;Operations</c>, no deadline and the call's span. Read from the IL of
/// methods that carry no <c>[ShieldedMethod]</c> marker (a marked method hands its own task over the same way).
/// </summary>
public sealed record ShieldedCallSite(MethodDefinition Caller, MethodReference Callee, int Offset)
{
    /// <summary>The method the source wrote the call in, named as the weaver's messages name it.</summary>
    public string CallerName => OperationName.OfCaller(Caller);

    /// <summary>The method called, on the type the call refers to: <c>Namespace.Type.Method</c>.</summary>
    public string CalleeName => NameFormat.Member(
        NameFormat.TypePath(Callee.DeclaringType.GetElementType(), t => t.DeclaringType, t => t.Name, t => t.Namespace),
        Callee.Name);

    public string OffsetText => $"IL_{Offset:x4}";

    /// <summary>
    /// The shielded calls a method makes; none for a method the weave marked as shielded itself, nor for a method the
    /// weave added to hold one call: that call is listed under the method that calls it, at the offset of that call.
    /// </summary>
    public static IEnumerable<ShieldedCallSite> Read(MethodDefinition method)
    {
        if (!method.HasBody || ShieldedMethod.Read(method) != null || WeaveContract.IsIsolatedCall(method.Name))
        {
            yield break;
        }

        foreach (var instruction in method.Body.Instructions)
        {
            if (HandedOver(method.Body, instruction) is { Operand: MethodReference callee } call)
            {
                yield return new ShieldedCallSite(method, callee, call.Offset);
            }
            else if (IsolatedCallOf(instruction) is { } isolated)
            {
                foreach (var held in isolated.Body.Instructions.Select(i => HandedOver(isolated.Body, i)).OfType<Instruction>())
                {
                    yield return new ShieldedCallSite(method, (MethodReference)held.Operand, instruction.Offset);
                }
            }
        }
    }

    /// <summary>The call whose task the hand-over <paramref name="instruction"/> takes, where it is one.</summary>
    static Instruction? HandedOver(MethodBody body, Instruction instruction)
    {
        if (!IsReturned(instruction))
        {
            return null;
        }

        // The deadline (null) and, since tracing, the span come after the operation.
        var operation = ((MethodReference)instruction.Operand).Parameters.Count > 4 ? instruction.Previous?.Previous?.Previous : instruction.Previous?.Previous;
        var call = CallerOf(body, operation?.Previous?.Previous);
        return operation?.Operand is FieldReference { DeclaringType.Name: WeaveContract.OperationsType }
            && call is { OpCode.Code: Code.Call or Code.Callvirt, Operand: MethodReference }
            ? call
            : null;
    }

    /// <summary>The method the weave added that <paramref name="instruction"/> calls, where it calls one.</summary>
    static MethodDefinition? IsolatedCallOf(Instruction instruction) =>
        instruction is { OpCode.Code: Code.Call, Operand: MethodReference reference }
        && WeaveContract.IsIsolatedCall(reference.Name)
        && reference.Resolve() is { HasBody: true } isolated
            ? isolated
            : null;

    /// <summary>
    /// The call whose task reaches the hand-over at <paramref name="loaded"/>: the instruction itself, or, where the
    /// call is protected from a synchronous throw, the call that ends the protected region whose exit loads its task.
    /// </summary>
    static Instruction? CallerOf(MethodBody body, Instruction? loaded) =>
        body.ExceptionHandlers.FirstOrDefault(h => h.HandlerType == ExceptionHandlerType.Catch && h.HandlerEnd == loaded) is { } guard
            ? guard.TryEnd.Previous?.Previous?.Previous
            : loaded;

    static bool IsReturned(Instruction instruction) =>
        instruction.OpCode.Code == Code.Call &&
        instruction.Operand is MethodReference { Name: WeaveContract.Runtime.Returned, DeclaringType.FullName: WeaveContract.Runtime.FullName };
}
