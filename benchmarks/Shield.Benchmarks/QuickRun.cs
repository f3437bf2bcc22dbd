using System;
using System.Linq;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Shield.Benchmarks;

/// <summary>
/// The quick mode the test suite runs so that the benchmarks never rot: in process, one launch, a handful of short
/// iterations, the smallest weaving size. Its figures are a smoke signal only; docs/benchmarks.md comes from the
/// full run.
/// </summary>
public static class QuickRun
{
    public static int Run()
    {
        WeavingBenchmarks.Sizes = [1_000];
        var calls = Config(Quick.WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(64).WithUnrollFactor(1));
        Summary[] summaries =
        [
            BenchmarkRunner.Run<CallBenchmarks>(calls),
            BenchmarkRunner.Run<TracingBenchmarks>(calls),
            BenchmarkRunner.Run<CallSiteBenchmarks>(calls),
            BenchmarkRunner.Run<WeavingBenchmarks>(Config(Quick.WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1))),

            // In process: Program made sure this process runs runtime-async methods.
            BenchmarkRunner.Run<RuntimeAsyncCallBenchmarks>(calls),
        ];

        foreach (var summary in summaries)
        {
            Console.WriteLine($"Quick run: {summary.BenchmarksCases.FirstOrDefault()?.Descriptor.Type.Name}: {summary.Reports.Count(r => r.Success)} of {summary.BenchmarksCases.Length} benchmarks reported");
        }

        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
        failed.ForEach(name => Console.WriteLine($"FAILED: {name}"));
        return summaries.Any(s => s.HasCriticalValidationErrors) || failed.Count > 0 ? 1 : 0;
    }

    static Job Quick => Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Throughput)
        .WithLaunchCount(1)
        .WithId("Quick");

    static IConfig Config(Job job) =>
        DefaultConfig.Instance
            .AddJob(job)
            .WithOptions(ConfigOptions.DisableLogFile)
            .AddFilter(new SimpleFilter(benchmark => benchmark.Job.Id == job.Id)) // not the full run's [SimpleJob] too
            .WithArtifactsPath(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "shield-quick-benchmarks"));
}
