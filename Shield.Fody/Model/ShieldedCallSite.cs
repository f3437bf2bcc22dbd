namespace Shield.Fody.Model;

/// <summary>A call to a method of code the woven assembly does not own, selected by a Calls pattern, to shield where it is made.</summary>
/// <param name="Caller">The method whose body makes the call.</param>
/// <param name="Call">The <c>call</c> or <c>callvirt</c> instruction.</param>
/// <param name="Shape">What the callee returns, as the callee declares it.</param>
/// <param name="TokenPositions">The positions of the callee's token parameters, in order.</param>
/// <param name="Operation">The name the call is tracked under: the receiver's type and the method when the IL names it, else the method called.</param>
/// <param name="Pattern">The Calls pattern that selected it.</param>
internal sealed record ShieldedCallSite(MethodDefinition Caller, Instruction Call, TaskShape Shape, IReadOnlyList<int> TokenPositions, string Operation, string Pattern)
{
    /// <summary>The method called, as found: rewriting may point <see cref="Call"/> elsewhere (a method that now makes the call).</summary>
    public MethodReference Callee { get; init; } = (MethodReference)Call.Operand;
}
