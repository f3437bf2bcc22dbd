using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Shield.Benchmarks;

/// <summary>
/// Peak memory of weaving against the floor, each in a fresh process so that one run's heap does not count in the
/// next: the child reads, (weaves,) writes, and prints its peak resident set (VmHWM).
/// </summary>
public static class WeavingMemory
{
    public static void Report(int[] sizes)
    {
        Console.WriteLine("| methods | read + write (floor) | read + weave + write | ratio |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        foreach (var methods in sizes)
        {
            var input = GeneratedAssembly.Compile(methods, Path.Combine(Path.GetTempPath(), "shield-weaving-memory", methods.ToString(CultureInfo.InvariantCulture)));
            var floor = Measurements.Median(Enumerable.Range(0, 3).Select(_ => MeasureChild(input, weave: false)));
            var weave = Measurements.Median(Enumerable.Range(0, 3).Select(_ => MeasureChild(input, weave: true)));
            Console.WriteLine($"| {methods:N0} | {floor / 1048576.0:0.0} MiB | {weave / 1048576.0:0.0} MiB | {(double)weave / floor:0.00} |");
        }
    }

    /// <summary>The child's side: one round trip, then the peak resident set in bytes.</summary>
    public static void RunChild(string input, bool weave)
    {
        var output = Path.Combine(Path.GetDirectoryName(input)!, "out-memory", Path.GetFileName(input));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        ModuleRoundTrip.Run(input, output, weave ? RoundTrip.Weave : RoundTrip.Unchanged);
        var peakKiB = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine(long.Parse(peakKiB, CultureInfo.InvariantCulture) * 1024);
    }

    static long MeasureChild(string input, bool weave)
    {
        var start = Measurements.ThisProgram("--peak-child", weave ? "weave" : "floor", input);
        start.RedirectStandardOutput = true;

        using var child = Process.Start(start)!;
        var printed = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return long.Parse(printed.Trim().Split('\n').Last(), CultureInfo.InvariantCulture);
    }
}
