using System;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// The benchmarks' quick mode, and the reports behind docs/benchmarks.md that run outside BenchmarkDotNet, run with
/// the suite at tiny sizes so that they never rot: every benchmark and report must run and print its table. Their
/// figures are not asserted (timing belongs in the benchmark, not in a test); allocation targets are asserted
/// deterministically in Runtime/AllocationTests.
/// </summary>
public class BenchmarkSmokeTests
{
    [Test]
    public void TheQuickModeRunsEveryBenchmark()
    {
        var run = Benchmarks("--quick");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        foreach (var benchmark in new[] { "Shielded_SyncNone", "Shielded_AsyncCancelable", "HandWritten_WalkAway", "HandWrittenNito_WalkAway", "ReadWeaveWrite" })
        {
            Assert.That(run.Lines, Has.Some.StartsWith($"| {benchmark} "), $"{benchmark} reported a result");
        }

        // The runtime-async class runs in process: the program restarts itself with DOTNET_RuntimeAsync=1 when it must.
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: CallBenchmarks: 17 of 17 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: TracingBenchmarks: 6 of 6 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: CallSiteBenchmarks: 12 of 12 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: RuntimeAsyncCallBenchmarks: 10 of 10 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: WeavingBenchmarks: 3 of 3 benchmarks reported"));
    }

    [Test]
    public void TheScaleReportRunsAndLeavesNothingInFlight()
    {
        var run = Benchmarks("--scale", "--quick", "--rounds", "2");

        // The program exits non-zero when a shielded call is still counted after every caller finished.
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Has.Some.StartsWith("| workers | unwoven | hand-written `WaitAsync(ct)` | `[Shield]` |"), run.Output);
        foreach (var workers in new[] { 1, 2 })
        {
            // With two rounds each ratio is the median of the rounds' own ratios, the lowest and highest in brackets.
            const string ratio = @"[\d.]+x \([\d.]+-[\d.]+\)";
            Assert.That(run.Lines, Has.Some.Match($@"^\| {workers} \| [\d.]+ Mops/s \| [\d.]+ \| [\d.]+ \| {ratio} \| [\d.]+ \| [\d.]+ \| {ratio} \|$"), run.Output);
        }

        Assert.That(run.Lines, Has.Some.EqualTo("Scale run: 2 of 2 worker counts reported"));
    }

    [Test]
    public void TheWeavingMemoryReportRuns()
    {
        var run = Benchmarks("--weaving-memory", "--methods", "20");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Has.Some.EqualTo("| methods | read + write (floor) | read + weave + write | ratio |"));
        Assert.That(run.Lines, Has.Some.Match(@"^\| 20 \| [\d.]+ MiB \| [\d.]+ MiB \| [\d.]+ \|$"), run.Output);
    }

    [Test]
    public void TheWeavingPhasesReportRuns()
    {
        var run = Benchmarks("--weaving-phases", "--methods", "20");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Has.Some.StartsWith("| 20 methods | read | change | write | total |"));
        foreach (var roundTrip in new[] { "Unchanged", "DecodeAsyncBodies", "Weave" })
        {
            Assert.That(run.Lines, Has.Some.Match($@"^\| {roundTrip} \| \d+ ms \|"), run.Output);
        }
    }

    [Test]
    public void TheBuildCostReportRuns()
    {
        var run = Benchmarks("--build-cost", "--methods", "20");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Has.Some.StartsWith("| build of 20 shielded methods |"));
        Assert.That(run.Lines, Has.Some.Match(@"^\| without Fody \| [\d.]+ s \|$"), run.Output);
        Assert.That(run.Lines, Has.Some.Match(@"^\| with `<Shield />` \| [\d.]+ s \|$"), run.Output);
        Assert.That(run.Lines, Has.Some.Match(@"^\| ratio \| [\d.]+ \|$"), run.Output);
    }

    static DotnetCli.Result Benchmarks(params string[] arguments) =>
        DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(10), ["run", "-c", "Release", "--project", "benchmarks/Shield.Benchmarks", "--", .. arguments]);
}
