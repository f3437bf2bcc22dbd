using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Shield.Benchmarks.Subjects;
using static Shield.Benchmarks.Subjects.Callers;

namespace Shield.Benchmarks;

/// <summary>
/// What shielding a call costs where it is made, with a cancelable token: the unwoven call (the baseline), the same
/// call shielded by a Calls pattern (<see cref="CallSites"/>), <c>ShieldedOperations.RunAsync</c> with the lambda a
/// caller writes (a delegate per call), and the hand-written <c>WaitAsync(ct)</c>. A call site cannot hook the
/// callee's state machine, so a suspended callee is tracked with one continuation.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallSiteBenchmarks
{
    internal const string Sync = "1 sync callee, cancelable token";
    internal const string Suspended = "2 suspended callee, cancelable token";
    internal const string WalkAway = "3 caller walks away";

    const string Operation = "Orders.Save";

    readonly Orders _orders = new();
    readonly CallSites _callSites = new();
    readonly CancellationTokenSource _caller = new();

    [GlobalSetup]
    public void CallsAreShielded() => Woven.RequireShieldedCalls();

    [BenchmarkCategory(Sync), Benchmark(Baseline = true)]
    public Task<int> Unwoven_Sync() => _orders.CountAsync(_caller.Token);

    [BenchmarkCategory(Sync), Benchmark]
    public Task<int> CallSite_Sync() => _callSites.CountAsync(_caller.Token);

    [BenchmarkCategory(Sync), Benchmark]
    public Task<int> RunAsync_Sync() => ShieldedOperations.RunAsync(Operation, ct => _orders.CountAsync(ct), _caller.Token);

    [BenchmarkCategory(Sync), Benchmark]
    public Task<int> HandWritten_Sync() => _orders.CountAsync(CancellationToken.None).WaitAsync(_caller.Token);

    [BenchmarkCategory(Suspended), Benchmark(Baseline = true)]
    public Task<int> Unwoven_Suspended() => _orders.SaveAsync(_caller.Token);

    [BenchmarkCategory(Suspended), Benchmark]
    public Task<int> CallSite_Suspended() => _callSites.SaveAsync(_caller.Token);

    [BenchmarkCategory(Suspended), Benchmark]
    public Task<int> RunAsync_Suspended() => ShieldedOperations.RunAsync(Operation, ct => _orders.SaveAsync(ct), _caller.Token);

    [BenchmarkCategory(Suspended), Benchmark]
    public Task<int> HandWritten_Suspended() => _orders.SaveAsync(CancellationToken.None).WaitAsync(_caller.Token);

    [BenchmarkCategory(WalkAway), Benchmark(Baseline = true)]
    public Task Unwoven_WalkAway() => WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task CallSite_WalkAway() => WalkAwayFrom((gate, ct) => _callSites.StoreAsync(gate, ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task RunAsync_WalkAway() => WalkAwayFrom((gate, ct) => ShieldedOperations.RunAsync(Operation, token => _orders.StoreAsync(gate, token), ct));

    [BenchmarkCategory(WalkAway), Benchmark]
    public Task HandWritten_WalkAway() => WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, CancellationToken.None).WaitAsync(ct));
}
