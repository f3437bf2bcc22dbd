using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Shield.Benchmarks.Subjects;
using static Shield.Benchmarks.Subjects.Callers;

namespace Shield.Benchmarks;

/// <summary>
/// What a shielded call costs, per case, against the unwoven method (the baseline) and the hand-written equivalent
/// a user would write: call the body with CancellationToken.None and wait with Task.WaitAsync(ct) (net10.0), or
/// Nito.AsyncEx's WaitAsync (what a netstandard2.0 library has).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallBenchmarks
{
    internal const string SyncNone = "1 sync body, token cannot cancel";
    internal const string AsyncNone = "2 async body, token cannot cancel";
    internal const string SyncCancelable = "3 sync body, cancelable token";
    internal const string AsyncCancelable = "4 async body, cancelable token";
    internal const string WalkAway = "5 caller walks away";

    readonly Orders _orders = new();
    readonly CancellationTokenSource _caller = new();

    [GlobalSetup]
    public void SubjectsAreWoven() => Woven.Require(typeof(Orders));

    [BenchmarkCategory(SyncNone), Benchmark(Baseline = true)]
    public Task<int> Unwoven_SyncNone() => _orders.CountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncNone), Benchmark]
    public Task<int> Shielded_SyncNone() => _orders.ShieldedCountAsync(CancellationToken.None);

    [BenchmarkCategory(SyncNone), Benchmark]
    public Task<int> HandWritten_SyncNone() => _orders.CountAsync(CancellationToken.None).WaitAsync(CancellationToken.None);

    [BenchmarkCategory(AsyncNone), Benchmark(Baseline = true)]
    public Task<int> Unwoven_AsyncNone() => _orders.SaveAsync(CancellationToken.None);

    [BenchmarkCategory(AsyncNone), Benchmark]
    public Task<int> Shielded_AsyncNone() => _orders.ShieldedSaveAsync(CancellationToken.None);

    [BenchmarkCategory(AsyncNone), Benchmark]
    public Task<int> HandWritten_AsyncNone() => _orders.SaveAsync(CancellationToken.None).WaitAsync(CancellationToken.None);

    [BenchmarkCategory(SyncCancelable), Benchmark(Baseline = true)]
    public Task<int> Unwoven_SyncCancelable() => _orders.CountAsync(_caller.Token);

    [BenchmarkCategory(SyncCancelable), Benchmark]
    public Task<int> Shielded_SyncCancelable() => _orders.ShieldedCountAsync(_caller.Token);

    [BenchmarkCategory(SyncCancelable), Benchmark]
    public Task<int> HandWritten_SyncCancelable() => _orders.CountAsync(CancellationToken.None).WaitAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark(Baseline = true)]
    public Task<int> Unwoven_AsyncCancelable() => _orders.SaveAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark]
    public Task<int> Shielded_AsyncCancelable() => _orders.ShieldedSaveAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark]
    public Task<int> HandWritten_AsyncCancelable() => _orders.SaveAsync(CancellationToken.None).WaitAsync(_caller.Token);

    [BenchmarkCategory(AsyncCancelable), Benchmark]
    public Task<int> HandWrittenNito_AsyncCancelable() => Nito.AsyncEx.TaskExtensions.WaitAsync(_orders.SaveAsync(CancellationToken.None), _caller.Token);

    // Walking away: the caller's token fires while the body waits at its gate; then the gate opens and the body
    // ends. The unwoven baseline loses the work (its body is canceled); the others keep it.
    [BenchmarkCategory(WalkAway), Benchmark(Baseline = true)]
    public Task Unwoven_WalkAway() => WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task Shielded_WalkAway() => WalkAwayFrom((gate, ct) => _orders.ShieldedStoreAsync(gate, ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task HandWritten_WalkAway() => WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, CancellationToken.None).WaitAsync(ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task HandWrittenNito_WalkAway() => WalkAwayFrom((gate, ct) => Nito.AsyncEx.TaskExtensions.WaitAsync(_orders.StoreAsync(gate, CancellationToken.None), ct));
}
