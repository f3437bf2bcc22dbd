using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Shield.Benchmarks;

/// <summary>
/// The quick mode the test suite runs so that the benchmarks never rot: in process, one launch, a few short
/// iterations. Its figures are only a smoke signal; docs/benchmarks.md comes from the full run.
/// </summary>
public static class QuickRun
{
    public static IConfig Config() =>
        DefaultConfig.Instance
            .AddJob(Job.Dry
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithWarmupCount(1)
                .WithIterationCount(3)
                .WithInvocationCount(256)
                .WithUnrollFactor(16)
                .WithId("Quick"))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.JoinSummary);
}
