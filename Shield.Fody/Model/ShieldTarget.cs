namespace Shield.Fody.Model;

/// <summary>A validated method to weave, with everything the rewriters need.</summary>
/// <param name="Candidate">What selected it and how.</param>
/// <param name="Shape">Its return type.</param>
/// <param name="Tokens">Its token parameters, in order.</param>
/// <param name="StateMachine">Where to hook into its state machine, or null for a method without one.</param>
internal sealed record ShieldTarget(ShieldCandidate Candidate, TaskShape Shape, IReadOnlyList<TokenParameter> Tokens, StateMachinePlan? StateMachine)
{
    public MethodDefinition Method => Candidate.Method;

    /// <summary>The same target, as the method that now stands in for it with the same signature.</summary>
    public ShieldTarget MovedTo(MethodDefinition method) => this with
    {
        Candidate = Candidate with { Method = method },
        Shape = TaskShape.Of(method.ReturnType)!,
        Tokens = Tokens.Select(t => t with { Parameter = method.Parameters[t.Parameter.Index] }).ToList(),
    };
}
