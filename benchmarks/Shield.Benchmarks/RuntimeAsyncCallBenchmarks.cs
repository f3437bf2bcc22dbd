using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Shield.Benchmarks.Subjects.RuntimeAsync;
using static Shield.Benchmarks.CallBenchmarks;
using static Shield.Benchmarks.Subjects.Callers;

namespace Shield.Benchmarks;

/// <summary>
/// The five cases of <see cref="CallBenchmarks"/> for the same bodies compiled as runtime-async methods, unwoven and
/// shielded. Reported beside the others; the weave tracks these with a continuation, so their bytes are not held to
/// the state machines' targets.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[RuntimeAsyncJob]
public class RuntimeAsyncCallBenchmarks
{
    readonly Orders _orders = new();
    readonly CancellationTokenSource _caller = new();

    [GlobalSetup]
    public void SubjectsAreWoven() => Shield.Benchmarks.Subjects.Woven.Require(typeof(Orders));

    [BenchmarkCategory(SyncNone), Benchmark(Baseline = true)]
    public Task<int> Unwoven_SyncNone() => _orders.CountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncNone), Benchmark]
    public Task<int> Shielded_SyncNone() => _orders.ShieldedCountAsync(CancellationToken.None);

    [BenchmarkCategory(AsyncNone), Benchmark(Baseline = true)]
    public Task<int> Unwoven_AsyncNone() => _orders.SaveAsync(CancellationToken.None);

    [BenchmarkCategory(AsyncNone), Benchmark]
    public Task<int> Shielded_AsyncNone() => _orders.ShieldedSaveAsync(CancellationToken.None);

    [BenchmarkCategory(SyncCancelable), Benchmark(Baseline = true)]
    public Task<int> Unwoven_SyncCancelable() => _orders.CountAsync(_caller.Token);

    [BenchmarkCategory(SyncCancelable), Benchmark]
    public Task<int> Shielded_SyncCancelable() => _orders.ShieldedCountAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark(Baseline = true)]
    public Task<int> Unwoven_AsyncCancelable() => _orders.SaveAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark]
    public Task<int> Shielded_AsyncCancelable() => _orders.ShieldedSaveAsync(_caller.Token);

    [BenchmarkCategory(WalkAway), Benchmark(Baseline = true)]
    public Task Unwoven_WalkAway() => WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task Shielded_WalkAway() => WalkAwayFrom((gate, ct) => _orders.ShieldedStoreAsync(gate, ct));

    /// <summary>The default job, in a process that runs runtime-async methods.</summary>
    sealed class RuntimeAsyncJobAttribute() : JobConfigBaseAttribute(Job.Default.WithEnvironmentVariable("DOTNET_RuntimeAsync", "1"));
}
