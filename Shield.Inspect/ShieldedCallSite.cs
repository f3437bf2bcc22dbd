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

    /// <summary>The shielded calls a method makes; none for a method the weave marked as shielded itself.</summary>
    public static IEnumerable<ShieldedCallSite> Read(MethodDefinition method)
    {
        if (!method.HasBody || ShieldedMethod.Read(method) != null)
        {
            yield break;
        }

        foreach (var handOver in method.Body.Instructions.Where(IsReturned))
        {
            // The deadline (null) and, since tracing, the span come after the operation.
            var operation = ((MethodReference)handOver.Operand).Parameters.Count > 4 ? handOver.Previous?.Previous?.Previous : handOver.Previous?.Previous;
            var call = CallerOf(method.Body, operation?.Previous?.Previous);
            if (operation?.Operand is FieldReference { DeclaringType.Name: WeaveContract.OperationsType }
                && call is { OpCode.Code: Code.Call or Code.Callvirt, Operand: MethodReference callee })
            {
                yield return new ShieldedCallSite(method, callee, call.Offset);
            }
        }
    }

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
