using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Shield.Benchmarks.Subjects;

namespace Tests.Runtime;

/// <summary>
/// Bytes allocated per call are deterministic, so the benchmark targets on allocation are asserted here too. The
/// bodies resume inline on the calling thread (their gate completes synchronously), so every byte a call allocates
/// is counted by GC.GetAllocatedBytesForCurrentThread.
/// </summary>
[NonParallelizable]
public class AllocationTests
{
    const int Calls = 2_000;

    readonly Orders _orders = new();
    readonly CancellationTokenSource _caller = new();

    /// <summary>Built without Fody, each equality below would compare identical code and pass.</summary>
    [OneTimeSetUp]
    public void SubjectsAreWoven() => Woven.Require(typeof(Orders));

    [OneTimeTearDown]
    public void DisposeCaller() => _caller.Dispose();

    /// <summary>Bytes one call allocates on this thread, after as many warm-up calls.</summary>
    internal static long BytesPerCall(Func<Task> call)
    {
        for (var i = 0; i < Calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
    }

    internal static async Task Waits(Func<Task, Task<int>> call)
    {
        var gate = new TaskCompletionSource();
        var task = call(gate.Task);
        gate.SetResult();
        await task;
    }

    [Test]
    public void SyncBodyTokenThatCannotCancel_NoExtraBytes() =>
        Assert.That(BytesPerCall(() => _orders.ShieldedCountAsync(CancellationToken.None)),
            Is.EqualTo(BytesPerCall(() => _orders.CountAsync(CancellationToken.None))));

    [Test]
    public void AsyncBodyTokenThatCannotCancel_NoExtraBytesTrackingIncluded() =>
        Assert.That(BytesPerCall(() => Waits(gate => _orders.ShieldedStoreAsync(gate, CancellationToken.None))),
            Is.EqualTo(BytesPerCall(() => Waits(gate => _orders.StoreAsync(gate, CancellationToken.None)))));

    [Test]
    public void SyncBodyCancelableToken_NoExtraBytes() =>
        Assert.That(BytesPerCall(() => _orders.ShieldedCountAsync(_caller.Token)),
            Is.EqualTo(BytesPerCall(() => _orders.CountAsync(_caller.Token))));

    [Test]
    public void AsyncBodyCancelableToken_NoMoreBytesThanWaitAsync() =>
        Assert.That(BytesPerCall(() => Waits(gate => _orders.ShieldedStoreAsync(gate, _caller.Token))),
            Is.LessThanOrEqualTo(BytesPerCall(() => Waits(gate => _orders.StoreAsync(gate, CancellationToken.None).WaitAsync(_caller.Token)))));

    [Test]
    public void CallerWalksAway_NoMoreBytesThanWaitAsync() =>
        Assert.That(BytesPerCall(() => Callers.WalkAwayFrom((gate, ct) => _orders.ShieldedStoreAsync(gate, ct))),
            Is.LessThanOrEqualTo(BytesPerCall(() => Callers.WalkAwayFrom((gate, ct) => _orders.StoreAsync(gate, CancellationToken.None).WaitAsync(ct)))));

    /// <summary>Runs <paramref name="measure"/> with a work group ambient, after checking that a suspended call joins it.</summary>
    void InAWorkGroup(Action measure)
    {
        var group = ShieldedWorkGroup.Open();
        try
        {
            var gate = new TaskCompletionSource();
            var call = _orders.ShieldedStoreAsync(gate.Task, _caller.Token);
            Assert.That(group.Running, Is.EqualTo(1), "the call joined the ambient group");
            gate.SetResult();
            call.GetAwaiter().GetResult();

            measure();
        }
        finally
        {
            group.Close();
        }

        Assert.That(group.Ended.IsCompleted, Is.True, "every call left the group");
    }

    [Test]
    public void AsyncBodyTokenThatCannotCancel_NoExtraBytesWithAWorkGroupAttached() =>
        InAWorkGroup(() => Assert.That(BytesPerCall(() => Waits(gate => _orders.ShieldedStoreAsync(gate, CancellationToken.None))),
            Is.EqualTo(BytesPerCall(() => Waits(gate => _orders.StoreAsync(gate, CancellationToken.None))))));

    [Test]
    public void AsyncBodyCancelableToken_NoMoreBytesThanWaitAsyncWithAWorkGroupAttached() =>
        InAWorkGroup(() => Assert.That(BytesPerCall(() => Waits(gate => _orders.ShieldedStoreAsync(gate, _caller.Token))),
            Is.LessThanOrEqualTo(BytesPerCall(() => Waits(gate => _orders.StoreAsync(gate, CancellationToken.None).WaitAsync(_caller.Token))))));
}
