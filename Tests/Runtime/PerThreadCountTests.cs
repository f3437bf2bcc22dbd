using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// Each thread counts the calls it saw suspend and end, and ShieldedOperations.InFlight sums the threads: a call
/// counted in on one thread is counted out on whichever thread ends it, and a thread that ended keeps counting in that
/// sum after the listing drops it. While a drain waits, every end sums the threads to see whether it was the last, so a
/// drain whose callers all gave up is withdrawn.
/// </summary>
[NonParallelizable]
public class PerThreadCountTests
{
    [TearDown]
    public async Task Drain() => await Limits.Within(ShieldedOperations.DrainAsync(), "every call to drain");

    [Test]
    public async Task ACallCountedInOnAThreadThatEndedStillCountsUntilItEnds()
    {
        var operation = new ShieldedOperation("Tests.Runtime.PerThreadCountTests.SaveAsync", 0);
        var body = new TaskCompletionSource<int>();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        Task<int>? proxy = null;

        // The kickoff runs on a thread of its own that then ends; two tokens that can fire give the call an entry in the
        // registry, so that thread keeps no record and the listing drops it.
        var kickoff = new Thread(() =>
        {
            ShieldRuntime.Suspending();
            proxy = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(first.Token, second.Token), operation, null);
        });
        kickoff.Start();
        kickoff.Join();
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1));

        _ = ShieldedOperations.GetInFlight();
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1), "the ended thread's count still counts once the listing dropped the thread");

        var handedOver = ShieldRuntime.Finishing(body.Task);
        Assert.That(ShieldedOperations.InFlight, Is.Zero, "counted out on the thread that ends it");
        body.SetResult(5);
        ShieldRuntime.Finished(body.Task, handedOver);
        Assert.That(await Limits.Within(proxy!, "the proxy"), Is.EqualTo(5));
    }

    [Test]
    public async Task ADrainEveryCallerGaveUpOnIsWithdrawnAndOneStillAwaitedIsNot()
    {
        var operation = new ShieldedOperation("Tests.Runtime.PerThreadCountTests.WaitedFor", 0);
        var body = Start(operation);

        using (var gaveUp = new CancellationTokenSource())
        {
            var abandoned = ShieldedOperations.DrainAsync(gaveUp.Token);
            Assert.That(InFlightRegistry.DrainWaiting, Is.True);
            gaveUp.Cancel();
            Assert.That(async () => await Limits.Within(abandoned, "the canceled drain"), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(InFlightRegistry.DrainWaiting, Is.False, "nobody waits for it any more");
        }

        using var alsoGivesUp = new CancellationTokenSource();
        var awaited = ShieldedOperations.DrainAsync();
        var canceled = ShieldedOperations.DrainAsync(alsoGivesUp.Token);
        alsoGivesUp.Cancel();
        Assert.That(async () => await Limits.Within(canceled, "the canceled drain"), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(InFlightRegistry.DrainWaiting, Is.True, "one caller still waits");

        End(body);
        await Limits.Within(awaited, "the drain");
        Assert.That(InFlightRegistry.DrainWaiting, Is.False);
    }

    [Test]
    public async Task AWaitingDrainCompletesAfterTwoConcurrentLastEnds()
    {
        // Two calls end at once on two threads while a drain waits for both: the ends meet the drain as in Dekker's
        // algorithm, so of the two one sees the other's count and completes the drain, and never before both counted
        // out. Many rounds, to give the race its chances.
        var operation = new ShieldedOperation("Tests.Runtime.PerThreadCountTests.Concurrent", 0);
        for (var round = 0; round < 300; round++)
        {
            var (first, second) = (Start(operation), Start(operation));
            var ended = 0;
            var endedWhenDrained = -1;
            var drain = ShieldedOperations.DrainAsync();
            var observed = drain.ContinueWith(_ => endedWhenDrained = Volatile.Read(ref ended), TaskScheduler.Default);

            void Count(TaskCompletionSource<int> body)
            {
                Interlocked.Increment(ref ended);
                End(body);
            }

            await Race.Together(() => Count(first), () => Count(second));
            await Limits.Within(observed, $"the drain after both ends, round {round}");
            Assert.That(endedWhenDrained, Is.EqualTo(2), $"round {round}: the drain completed after both ends, not before");
        }

        Assert.That(ShieldedOperations.InFlight, Is.Zero);
    }

    [Test]
    public void ThreadsThatEndedAreDroppedThoughNothingListsTheCalls()
    {
        // Each thread starts one call and ends; the call ends on this thread. The list of threads must not keep them all
        // when nothing ever calls GetInFlight (a dedicated thread per job, LongRunning tasks). Ended threads are dropped
        // when a new thread's first call finds the list doubled, so the earliest go first.
        var operation = new ShieldedOperation("Tests.Runtime.PerThreadCountTests.OnItsOwnThread", 0);
        var threads = new Thread[300];
        for (var i = 0; i < threads.Length; i++)
        {
            TaskCompletionSource<int>? body = null;
            threads[i] = new Thread(() => body = Start(operation));
            threads[i].Start();
            threads[i].Join();
            End(body!);
        }

        Assert.That(threads.Take(100).Count(ThreadCalls.IsListed), Is.Zero, "the first hundred threads are no longer listed");
        Assert.That(ShieldedOperations.InFlight, Is.Zero, "each dropped thread's count in was folded in, matching its call's count out here");
    }

    /// <summary>What the woven kickoff does for a body that suspended, with no caller token that can fire.</summary>
    static TaskCompletionSource<int> Start(ShieldedOperation operation)
    {
        var body = new TaskCompletionSource<int>();
        ShieldRuntime.Suspending();
        _ = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(CancellationToken.None), operation, null);
        return body;
    }

    /// <summary>What the woven state machine does around the builder setting the body's result.</summary>
    static void End(TaskCompletionSource<int> body)
    {
        var handedOver = ShieldRuntime.Finishing(body.Task);
        body.SetResult(0);
        ShieldRuntime.Finished(body.Task, handedOver);
    }
}
