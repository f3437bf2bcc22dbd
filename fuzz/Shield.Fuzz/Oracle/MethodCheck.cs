namespace Shield.Fuzz.Oracle;

/// <summary>What the oracle found for one method in one flavour, and what the runs exercised.</summary>
/// <param name="BodyThrew">The unwoven body ended with an exception (so case 2 expects a reported fault).</param>
/// <param name="CanceledMidway">The caller's token fired while the body waited at a pause (case 2 proper).</param>
public sealed record MethodCheck(IReadOnlyList<Divergence> Divergences, bool BodyThrew, bool CanceledMidway);
