namespace Shield.Fuzz.Running;

/// <summary>What one call of a generated method did, as the oracle compares it.</summary>
/// <param name="Result">"returned X", "threw Type: message", or what went wrong with the call itself.</param>
/// <param name="Steps">The body's step log once it ended.</param>
/// <param name="Pauses">How many pauses the body reached.</param>
/// <param name="Faults">What the build's runtime reported through UnobservedFault for this call ("Type: message").</param>
/// <param name="ReachedGate">For a run canceled at a pause: whether the body reached that pause.</param>
/// <param name="CanceledAtOnce">For a canceled caller: whether its task was Canceled right after Cancel() (or, for a
/// token canceled before the call, right after the call).</param>
/// <param name="Hang">What the run waited for in vain (the safety timeout), or null.</param>
public sealed record RunOutcome(
    string Result,
    IReadOnlyList<string> Steps,
    int Pauses,
    IReadOnlyList<string> Faults,
    bool ReachedGate = false,
    bool CanceledAtOnce = false,
    string? Hang = null)
{
    /// <summary>For a caller canceled at a pause: its OperationCanceledException carries its own token, as promised.</summary>
    public bool CallerTokenKept { get; init; } = true;

    /// <summary>How many calls the woven runtime still listed as in flight once it had drained (it must be none).</summary>
    public int StillListed { get; init; }

    public bool Threw => Result.StartsWith("threw ", StringComparison.Ordinal);
}
