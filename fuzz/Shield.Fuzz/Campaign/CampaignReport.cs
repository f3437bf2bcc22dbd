using System.Globalization;
using System.IO;
using Shield.Fuzz.Generation;
using Shield.Fuzz.Oracle;
using Shield.Fuzz.Running;

namespace Shield.Fuzz.Campaign;

/// <summary>
/// Everything a campaign prints: progress, each divergence with the seed, the method's source and both logs, the
/// feature frequencies, and the summary line. It also saves each divergent method as a fixture candidate.
/// </summary>
public sealed class CampaignReport(TextWriter output)
{
    readonly HashSet<int> _saved = [];

    public void Started(CampaignOptions options) =>
        output.WriteLine($"Shield.Fuzz: seed {options.Seed}, methods {options.Start}..{options.Start + options.Count - 1}, " +
            $"{options.BatchSize} per batch, flavours {string.Join(", ", options.Flavors)}{(options.BreakWeave ? ", BROKEN WEAVE (oracle self-check)" : "")}");

    public void Progress(int done, int count, int divergent, TimeSpan elapsed) =>
        output.WriteLine($"[{done}/{count}] {divergent} divergent so far, {elapsed.TotalSeconds:0}s");

    public void Divergence(Divergence divergence, CampaignOptions options)
    {
        var method = divergence.Method;
        output.WriteLine();
        output.WriteLine($"DIVERGENCE: seed {options.Seed}, method {method.Index} (method seed {method.Seed}), {divergence.Flavor}, {divergence.Check}");
        foreach (var difference in divergence.Differences)
        {
            output.WriteLine($"  - {difference}");
        }

        Outcome("unwoven", divergence.Expected);
        Outcome("woven", divergence.Actual);
        if (_saved.Add(method.Index))
        {
            output.WriteLine(GeneratedSource.FileOf(method));
            var candidate = SaveCandidate(divergence, options);
            if (candidate != null)
            {
                output.WriteLine($"  saved as fixture candidate: {candidate}");
            }
        }
    }

    public void Finished(CampaignResult result)
    {
        output.WriteLine();
        output.WriteLine($"Feature frequencies ({result.Methods} methods):");
        foreach (var line in result.Features.Lines())
        {
            output.WriteLine(line);
        }

        output.WriteLine(result.Outcomes.Line());
        output.WriteLine($"Elapsed: {result.Elapsed.TotalSeconds:0}s");
        output.WriteLine(result.Summary);
    }

    void Outcome(string build, RunOutcome? outcome)
    {
        if (outcome is null)
        {
            return;
        }

        var extra = outcome.ReachedGate ? $", caller's task canceled at once: {outcome.CanceledAtOnce}" : "";
        output.WriteLine($"  {build}: {outcome.Result}{(outcome.Hang is null ? "" : $" (waiting for {outcome.Hang})")}{extra}");
        output.WriteLine($"    steps: {string.Join(" | ", outcome.Steps)}");
        if (outcome.Faults.Count > 0)
        {
            output.WriteLine($"    UnobservedFault: {string.Join("; ", outcome.Faults)}");
        }
    }

    static string? SaveCandidate(Divergence divergence, CampaignOptions options)
    {
        if (options.FindingsFolder is null)
        {
            return null;
        }

        var method = divergence.Method;
        Directory.CreateDirectory(options.FindingsFolder);
        var path = Path.GetFullPath(Path.Combine(options.FindingsFolder, string.Create(CultureInfo.InvariantCulture, $"seed{options.Seed}-method{method.Index}.cs")));
        var header = string.Join("\n", new[]
        {
            $"// Fixture candidate found by: dotnet run -c Release --project fuzz/Shield.Fuzz -- --seed {options.Seed} --start {method.Index} --count 1",
            $"// {divergence.Flavor}, {divergence.Check}:",
        }.Concat(divergence.Differences.Select(d => $"//   {d}")));
        File.WriteAllText(path, header + "\n\n" + GeneratedSource.Standalone(method));
        return path;
    }
}
