using Shield.Fuzz.Compilation;

namespace Shield.Fuzz.Campaign;

/// <summary>What a campaign runs.</summary>
/// <param name="Seed">The campaign seed: the same seed gives the same methods.</param>
/// <param name="Count">How many methods to generate and check.</param>
/// <param name="Start">The index of the first method, to replay part of a campaign.</param>
/// <param name="BatchSize">How many methods are compiled into one assembly.</param>
/// <param name="FindingsFolder">Where the source of each divergent method is saved as a fixture candidate; null saves nothing.</param>
/// <param name="BreakWeave">Runs the deliberately broken weave (<see cref="Weaving.BrokenWeave"/>) to prove the oracle can fail.</param>
public sealed record CampaignOptions(
    int Seed,
    int Count,
    int Start = 0,
    int BatchSize = 100,
    string? FindingsFolder = null,
    bool BreakWeave = false)
{
    public IReadOnlyList<BuildFlavor> Flavors { get; init; } = BuildFlavor.All;

    /// <summary>How long any single wait may take before the run counts as hung: a safety net, never a pacing.</summary>
    public TimeSpan SafetyLimit { get; init; } = TimeSpan.FromSeconds(10);
}
