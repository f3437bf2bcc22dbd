using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Shield.Benchmarks.Subjects;

namespace Shield.Benchmarks;

/// <summary>
/// What tracing support costs a body that completes synchronously: the woven call with nobody listening to the
/// "Shield" source against the same call as woven before tracing existed (the baseline), and with a listener that
/// samples every span.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TracingBenchmarks
{
    internal const string SyncNone = "sync body, token cannot cancel";
    internal const string SyncCancelable = "sync body, cancelable token";

    readonly Orders _orders = new();
    readonly WithoutTracingSupport _withoutTracing = new();
    readonly CancellationTokenSource _caller = new();
    ActivityListener? _listener;

    [GlobalSetup(Targets = [nameof(WithoutTracingSupport_SyncNone), nameof(NoListener_SyncNone), nameof(WithoutTracingSupport_SyncCancelable), nameof(NoListener_SyncCancelable)])]
    public void SubjectsAreWoven() => Woven.Require(typeof(Orders));

    [GlobalSetup(Targets = [nameof(Listener_SyncNone), nameof(Listener_SyncCancelable)])]
    public void Listen()
    {
        SubjectsAreWoven();
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Shield",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The quick run shares one process between benchmarks: the listener must not outlive its own.</summary>
    [GlobalCleanup(Targets = [nameof(Listener_SyncNone), nameof(Listener_SyncCancelable)])]
    public void StopListening() => _listener?.Dispose();

    [BenchmarkCategory(SyncNone), Benchmark(Baseline = true)]
    public Task<int> WithoutTracingSupport_SyncNone() => _withoutTracing.ShieldedCountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncNone), Benchmark]
    public Task<int> NoListener_SyncNone() => _orders.ShieldedCountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncNone), Benchmark]
    public Task<int> Listener_SyncNone() => _orders.ShieldedCountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncCancelable), Benchmark(Baseline = true)]
    public Task<int> WithoutTracingSupport_SyncCancelable() => _withoutTracing.ShieldedCountAsync(_caller.Token);

    [BenchmarkCategory(SyncCancelable), Benchmark]
    public Task<int> NoListener_SyncCancelable() => _orders.ShieldedCountAsync(_caller.Token);

    [BenchmarkCategory(SyncCancelable), Benchmark]
    public Task<int> Listener_SyncCancelable() => _orders.ShieldedCountAsync(_caller.Token);
}
