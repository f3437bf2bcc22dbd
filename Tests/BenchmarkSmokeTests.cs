using System;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// The benchmarks' quick mode runs with the suite so that they never rot: every benchmark must run and report.
/// Its figures are not asserted (timing belongs in the benchmark, not in a test); allocation targets are asserted
/// deterministically in Runtime/AllocationTests.
/// </summary>
public class BenchmarkSmokeTests
{
    [Test]
    public void TheQuickModeRunsEveryBenchmark()
    {
        var run = DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(10), "run", "-c", "Release", "--project", "benchmarks/Shield.Benchmarks", "--", "--quick");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        foreach (var benchmark in new[] { "Shielded_SyncNone", "Shielded_AsyncCancelable", "HandWritten_WalkAway", "HandWrittenNito_WalkAway", "ReadWeaveWrite" })
        {
            Assert.That(run.Lines, Has.Some.StartsWith($"| {benchmark} "), $"{benchmark} reported a result");
        }

        // The runtime-async class runs in process: the program restarts itself with DOTNET_RuntimeAsync=1 when it must.
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: CallBenchmarks: 17 of 17 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: RuntimeAsyncCallBenchmarks: 10 of 10 benchmarks reported"));
        Assert.That(run.Lines, Has.Some.EqualTo("Quick run: WeavingBenchmarks: 3 of 3 benchmarks reported"));
    }
}
