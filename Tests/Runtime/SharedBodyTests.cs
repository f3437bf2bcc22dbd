using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// Calls whose end is a continuation on the task they were handed (<c>RunAsync</c>, methods that are not async, call
/// sites) may be handed a task that another shielded call already tracks: a cached or shared task, or the task of a
/// shielded async method. Each call is its own: it counts, ends and reports on its own, and none of them fails.
/// </summary>
[NonParallelizable]
public class SharedBodyTests
{
    readonly RuntimeView _runtime = new(typeof(ShieldedOperations).Assembly);

    [TearDown]
    public async Task Drain() =>
        await Limits.Within(ShieldedOperations.DrainAsync(), "the work the test started to drain");

    [Test]
    public async Task TwoCallsHandedTheSameRunningTaskBothReceiveItsResult()
    {
        var shared = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        var one = ShieldedOperations.RunAsync("Orders.Load", _ => shared.Task, first.Token);
        var two = ShieldedOperations.RunAsync("Orders.Load", _ => shared.Task, second.Token);
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(2));

        shared.SetResult(5);

        Assert.That(await Limits.Within(one, "the first call"), Is.EqualTo(5));
        Assert.That(await Limits.Within(two, "the second call"), Is.EqualTo(5));
        await Limits.Within(ShieldedOperations.DrainAsync(), "both calls to end");
    }

    [Test]
    public async Task OneOfTwoCallsOnASharedTaskWalksAwayAndItsLostFaultIsReportedOnce()
    {
        using var faults = _runtime.RecordUnobservedFaults();
        var shared = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();
        using var staying = new CancellationTokenSource();
        var left = ShieldedOperations.RunAsync("Orders.Load", _ => shared.Task, leaving.Token);
        var stayed = ShieldedOperations.RunAsync("Orders.Load", _ => shared.Task, staying.Token);

        leaving.Cancel();
        Assert.That(left.IsCanceled, Is.True, "the caller who left is released at once");
        var failure = new InvalidOperationException("the store is down");
        shared.SetException(failure);

        var received = await Assert.ThrowsAsync<InvalidOperationException>(async () => await stayed);
        Assert.That(received, Is.SameAs(failure), "the caller who stayed receives the body's own exception");
        await Limits.Within(faults.First, "the fault of the call whose caller left");
        await Limits.Within(ShieldedOperations.DrainAsync(), "both calls to end");
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults[0].Exception, Is.SameAs(failure));
    }

    [Test]
    public async Task ACallHandedTheTaskOfAnotherShieldedCallReceivesItsResult()
    {
        // The inner call's deadline gives it an entry of its own, and its caller (the outer body) cannot cancel, so the
        // outer call is handed the very task the inner call tracks.
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var caller = new CancellationTokenSource();

        var call = ShieldedOperations.RunAsync(
            "Orders.Forward",
            body => ShieldedOperations.RunAsync("Orders.Store", _ => gate.Task, body, TimeSpan.FromSeconds(30)),
            caller.Token);
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(2));
        gate.SetResult(14);

        Assert.That(await Limits.Within(call, "the outer call"), Is.EqualTo(14));
        await Limits.Within(ShieldedOperations.DrainAsync(), "both calls to end");
    }
}
