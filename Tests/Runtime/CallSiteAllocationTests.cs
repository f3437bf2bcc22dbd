using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Shield.Benchmarks.Subjects;
using static Tests.Runtime.AllocationTests;

namespace Tests.Runtime;

/// <summary>
/// The allocation targets of call-site shielding and <c>ShieldedOperations.RunAsync</c>, asserted like
/// <see cref="AllocationTests"/>: a callee that completes synchronously costs nothing more than the unwoven call; a
/// suspended one costs no more than the hand-written <c>WaitAsync(ct)</c> plus one continuation on the callee's task
/// (a call site cannot hook the callee's state machine), which the comparison writes out by hand.
/// </summary>
/// <remarks>
/// The suspended cases are measured with no SynchronizationContext, as on a server. Under a context (NUnit runs every
/// test under one) the runtime does not run a <c>ConfigureAwait(false)</c> continuation inline where the callee
/// completes: the call's end, like any such continuation, hops to the thread pool, and the caller's own continuation
/// is posted back to its context. The end keeps <c>ConfigureAwait(false)</c> semantics on purpose: a caller that
/// blocks on its context must not wait for the call's end to be posted to that context.
/// </remarks>
[NonParallelizable]
public class CallSiteAllocationTests
{
    const string Operation = "Orders.Save";

    readonly Orders _orders = new();
    readonly CallSites _callSites = new();
    readonly CancellationTokenSource _caller = new();
    Func<CancellationToken, Task<int>> _count = null!;

    /// <summary>Built without Fody or its Calls pattern, each comparison below would measure unshielded calls.</summary>
    [OneTimeSetUp]
    public void CallsAreShielded()
    {
        Woven.RequireShieldedCalls();
        _count = ct => _orders.CountAsync(ct);
    }

    [OneTimeTearDown]
    public void DisposeCaller() => _caller.Dispose();

    /// <summary>
    /// The hand-written bound: WaitAsync on the callee's task, and one continuation on that task that knows the task,
    /// registered as the runtime registers its own (a closure and its delegate, no continuation task).
    /// </summary>
    static Task<int> WaitAsyncWithOneContinuation(Task<int> callee, CancellationToken ct)
    {
        callee.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => GC.KeepAlive(callee));
        return callee.WaitAsync(ct);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void SyncCallee_NoExtraBytes(bool cancelable)
    {
        var ct = cancelable ? _caller.Token : CancellationToken.None;
        Assert.That(BytesPerCall(() => _callSites.CountAsync(ct)), Is.EqualTo(BytesPerCall(() => _orders.CountAsync(ct))));
    }

    [Test]
    public void SuspendedCallee_NoMoreBytesThanWaitAsyncAndOneContinuation() =>
        Assert.That(ServerBytesPerCall(() => Waits(gate => _callSites.StoreAsync(gate, _caller.Token))),
            Is.LessThanOrEqualTo(ServerBytesPerCall(() => Waits(gate => WaitAsyncWithOneContinuation(_orders.StoreAsync(gate, CancellationToken.None), _caller.Token)))));

    [Test]
    public void CallerWalksAway_NoMoreBytesThanWaitAsyncAndOneContinuation() =>
        Assert.That(ServerBytesPerCall(() => Callers.WalkAwayFrom((gate, ct) => _callSites.StoreAsync(gate, ct))),
            Is.LessThanOrEqualTo(ServerBytesPerCall(() => Callers.WalkAwayFrom((gate, ct) => WaitAsyncWithOneContinuation(_orders.StoreAsync(gate, CancellationToken.None), ct)))));

    [Test]
    public void RunAsyncSyncBody_OnlyTheCallersDelegate() =>
        Assert.That(BytesPerCall(() => ShieldedOperations.RunAsync(Operation, _count, _caller.Token)),
            Is.EqualTo(BytesPerCall(() => _count(CancellationToken.None))), "with the delegate made once, nothing more than the body's own call");

    [Test]
    public void RunAsyncSuspendedBody_NoMoreBytesThanWaitAsyncAndOneContinuation()
    {
        var shielded = ServerBytesPerCall(() => Waits(gate => ShieldedOperations.RunAsync(Operation, ct => _orders.StoreAsync(gate, ct), _caller.Token)));
        var byHand = ServerBytesPerCall(() => Waits(gate => WaitAsyncWithOneContinuation(_orders.StoreAsync(gate, CancellationToken.None), _caller.Token)));
        var lambda = ServerBytesPerCall(() => Waits(gate => ((Func<CancellationToken, Task<int>>)(ct => _orders.StoreAsync(gate, ct)))(CancellationToken.None)))
            - ServerBytesPerCall(() => Waits(gate => _orders.StoreAsync(gate, CancellationToken.None)));

        Assert.That(lambda, Is.Positive, "the caller's lambda captures the gate: a closure and a delegate per call");
        Assert.That(shielded, Is.LessThanOrEqualTo(byHand + lambda));
    }

    /// <summary>Bytes per call on a thread with no SynchronizationContext, where the callee's end runs inline.</summary>
    static long ServerBytesPerCall(Func<Task> call)
    {
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            return BytesPerCall(call);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}
