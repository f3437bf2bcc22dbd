using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Mono.Cecil;

namespace Shield.Benchmarks;

/// <summary>
/// Where a round trip's time goes, phase by phase (read, change, write), and how much of it the garbage collector
/// takes: the figures behind the weaving section of docs/benchmarks.md. Medians of five rounds after one warm-up.
/// </summary>
public static class WeavingPhases
{
    const int Rounds = 5;

    public static void Report(int methods)
    {
        var input = GeneratedAssembly.Compile(methods, Path.Combine(Path.GetTempPath(), "shield-weaving-phases", methods.ToString(CultureInfo.InvariantCulture)));
        var output = Path.Combine(Path.GetDirectoryName(input)!, "out", Path.GetFileName(input));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        var roundTrips = Enum.GetValues<RoundTrip>();
        foreach (var roundTrip in roundTrips)
        {
            Measure(input, output, roundTrip);
        }

        var rounds = Enumerable.Range(0, Rounds).SelectMany(_ => roundTrips.Select(r => (RoundTrip: r, Phases: Measure(input, output, r)))).ToList();
        Console.WriteLine($"| {methods:N0} methods | read | change | write | total | of which GC pauses | allocated |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var roundTrip in roundTrips)
        {
            var phases = rounds.Where(r => r.RoundTrip == roundTrip).Select(r => r.Phases).ToList();
            double Median(Func<Phases, double> of) => Measurements.Median(phases.Select(of));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {roundTrip} | {Median(p => p.Read):0} ms | {Median(p => p.Change):0} ms | {Median(p => p.Write):0} ms | {Median(p => p.Total):0} ms | {Median(p => p.GcPause):0} ms | {Median(p => p.AllocatedMiB):0} MiB |"));
        }
    }

    static Phases Measure(string input, string output, RoundTrip roundTrip)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();

        using var resolver = new DefaultAssemblyResolver();
        using var module = ModuleRoundTrip.Read(input, resolver);
        var read = watch.Elapsed;
        ModuleRoundTrip.Change(module, resolver, roundTrip);
        var changed = watch.Elapsed;
        ModuleRoundTrip.Write(module, output);
        var written = watch.Elapsed;

        return new(read.TotalMilliseconds, (changed - read).TotalMilliseconds, (written - changed).TotalMilliseconds,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0);
    }

    sealed record Phases(double Read, double Change, double Write, double GcPause, double AllocatedMiB)
    {
        public double Total => Read + Change + Write;
    }
}
