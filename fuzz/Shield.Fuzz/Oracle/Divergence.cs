using Shield.Fuzz.Compilation;
using Shield.Fuzz.Generation;
using Shield.Fuzz.Running;

namespace Shield.Fuzz.Oracle;

/// <summary>A way the woven build of a method behaved differently from what the unwoven build says it must.</summary>
/// <param name="Check">Which comparison failed, for example "canceled at pause 3".</param>
/// <param name="Differences">What differed, one line each.</param>
/// <param name="Expected">The unwoven run the woven one is compared with; null when the weave itself failed.</param>
/// <param name="Actual">The woven run; null when the weave itself failed.</param>
public sealed record Divergence(
    GeneratedMethod Method,
    BuildFlavor Flavor,
    string Check,
    IReadOnlyList<string> Differences,
    RunOutcome? Expected,
    RunOutcome? Actual);
