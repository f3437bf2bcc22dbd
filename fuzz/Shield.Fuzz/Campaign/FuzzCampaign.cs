using System.Diagnostics;
using System.IO;
using Shield.Fuzz.Compilation;
using Shield.Fuzz.Generation;
using Shield.Fuzz.Oracle;
using Shield.Fuzz.Running;
using Shield.Fuzz.Weaving;

namespace Shield.Fuzz.Campaign;

/// <summary>
/// Runs a campaign batch by batch: generate the methods, compile them for every flavour, weave, load both builds,
/// and let the oracle compare each method; the flavours of a batch run side by side.
/// </summary>
public sealed class FuzzCampaign(CampaignOptions options, CampaignReport report)
{
    public async Task<CampaignResult> RunAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var work = Path.Combine(Path.GetTempPath(), $"shield-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var oracle = new DifferentialOracle(new MethodRunner(options.SafetyLimit));
        var features = new FeatureTally();
        var outcomes = new OutcomeTally();
        var divergences = new List<Divergence>();
        using var unobserved = new UnobservedTaskWatch();
        report.Started(options);
        try
        {
            for (var start = options.Start; start < options.Start + options.Count; start += options.BatchSize)
            {
                var end = Math.Min(start + options.BatchSize, options.Start + options.Count);
                var methods = Enumerable.Range(start, end - start).Select(i => MethodGenerator.Generate(options.Seed, i)).ToList();
                methods.ForEach(features.Add);

                var name = $"Fuzz_{(uint)options.Seed}_{start}";
                var found = await Task.WhenAll(options.Flavors.Select(flavor =>
                    Task.Run(() => RunBatch(oracle, name, methods, flavor, Path.Combine(work, name, flavor.Configuration, flavor.TargetFramework)))));
                TryDelete(Path.Combine(work, name));
                var checks = found.SelectMany(c => c).ToList();
                checks.ForEach(outcomes.Add);
                foreach (var divergence in checks.SelectMany(c => c.Divergences).Concat(UnobservedFaults(unobserved, methods)).OrderBy(d => d.Method.Index))
                {
                    divergences.Add(divergence);
                    report.Divergence(divergence, options);
                }

                report.Progress(end - options.Start, options.Count, divergences.Select(d => d.Method.Index).Distinct().Count(), stopwatch.Elapsed);
            }
        }
        finally
        {
            TryDelete(work);
        }

        var result = new CampaignResult(features.Methods, divergences, features, outcomes, stopwatch.Elapsed);
        report.Finished(result);
        return result;
    }

    async Task<IReadOnlyList<MethodCheck>> RunBatch(DifferentialOracle oracle, string name, IReadOnlyList<GeneratedMethod> methods, BuildFlavor flavor, string folder)
    {
        var compiled = BatchCompiler.Compile(name, methods, flavor, folder);
        var weave = BatchWeaver.Weave(compiled);
        var complaints = WeaverComplaints(weave, methods, flavor);
        var wovenPath = weave.AssemblyPath;
        if (options.BreakWeave)
        {
            wovenPath = Path.Combine(folder, "broken", name + ".dll");
            BrokenWeave.UndoTokenReplacement(weave.AssemblyPath, wovenPath);
        }

        using var unwoven = new LoadedBuild(compiled.AssemblyPath, compiled.CalleesPath, flavor, BuildKind.Unwoven);
        using var woven = new LoadedBuild(wovenPath, compiled.CalleesPath, flavor, BuildKind.Woven);
        var checks = new List<MethodCheck>();
        foreach (var method in methods)
        {
            var check = await oracle.Check(method, flavor, unwoven, woven);
            var complaint = complaints.Where(c => c.Method.Index == method.Index).ToList();
            checks.Add(complaint.Count == 0 ? check : check with { Divergences = [.. complaint, .. check.Divergences] });
        }

        return checks;
    }

    /// <summary>
    /// Task exceptions nobody observed while the batch ran, as one divergence of the batch (the event does not say
    /// which method left the task behind; the exception's message names the step that threw it).
    /// </summary>
    static IEnumerable<Divergence> UnobservedFaults(UnobservedTaskWatch watch, IReadOnlyList<GeneratedMethod> methods)
    {
        var exceptions = watch.Collect();
        if (exceptions.Count > 0)
        {
            yield return new Divergence(methods[0], BuildFlavor.All[0], $"unobserved task exceptions in the batch of methods {methods[0].Index}..{methods[^1].Index}",
                [.. exceptions.Select(e => $"TaskScheduler.UnobservedTaskException: {e.GetType().FullName}: {e.Message}")], null, null);
        }
    }

    /// <summary>
    /// The weaver must accept everything the compiler writes: each error or warning is a divergence of the method
    /// it names (operations are named Fuzz.C{index}...), or of the whole batch when it names none.
    /// </summary>
    static List<Divergence> WeaverComplaints(WeaveResult weave, IReadOnlyList<GeneratedMethod> methods, BuildFlavor flavor) =>
        [.. weave.Errors
            .GroupBy(message => methods.FirstOrDefault(m => message.Contains($"{GeneratedMethod.Namespace}.C{m.Index}.", StringComparison.Ordinal)) ?? methods[0])
            .Select(group => new Divergence(group.Key, flavor, "weave", [.. group.Select(m => "the weaver reported: " + m)], null, null))];

    static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a campaign for.
        }
    }
}
