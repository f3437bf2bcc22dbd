using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// A plain cancelable call (one caller token, nothing else to do at its end) hands its caller the body's own
/// <c>WaitAsync(token)</c>, so nothing tells the runtime when the caller walks away: the end of a body that faulted
/// finds the proxy through its kickoff's record and decides from the proxy. These drive the steps a woven state
/// machine calls (the Ending step before the builder sets the body's task, the Ended step after) in the orders that
/// woven code reaches only in races, with a TaskCompletionSource standing for the builder's task.
/// </summary>
[NonParallelizable]
public class WaitingCallTests
{
    static readonly ShieldedOperation Operation = new("Tests.Runtime.WaitingCallTests.SaveAsync", 0);

    readonly List<(string Operation, Exception Exception)> _reported = [];

    [SetUp]
    public void ListenForFaults()
    {
        _reported.Clear();
        ShieldedOperations.UnobservedFault += Record;
    }

    [TearDown]
    public async Task StopListeningAndDrain()
    {
        ShieldedOperations.UnobservedFault -= Record;
        await Limits.Within(ShieldedOperations.DrainAsync(), "every call to drain");
    }

    void Record(object? sender, ShieldedFaultEventArgs fault) => _reported.Add((fault.Operation, fault.Exception));

    /// <summary>What the woven kickoff does for a body that suspended, with the proxy <paramref name="proxy"/>.</summary>
    static Task Start(Task body, Task proxy)
    {
        ShieldRuntime.Suspending();
        return WaitingCalls.Record(body, proxy, Operation);
    }

    /// <summary>The woven end of a body that faults: the Ending step, the builder setting the task, the Ended step.</summary>
    static void EndFaulted(TaskCompletionSource<int> body, Exception thrown)
    {
        CallEnd.Ending(body.Task, thrown);
        body.SetException(thrown);
        CallEnd.Ended(body.Task, thrown);
    }

    /// <summary>The woven end of a body that returns.</summary>
    static void EndReturning(TaskCompletionSource<int> body)
    {
        CallEnd.Ending(body.Task, null);
        body.SetResult(1);
        CallEnd.Ended(body.Task, null);
    }

    /// <summary>A body that suspended and faulted on another thread before its kickoff recorded it.</summary>
    static void FaultBeforeTheKickoffRecords(TaskCompletionSource<int> body, Exception thrown)
    {
        ShieldRuntime.Suspending();
        EndFaulted(body, thrown);
    }

    [Test]
    public void APlainCancelableCallWaitsOnTheBodyWithWaitAsync()
    {
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        ShieldRuntime.Suspending();

        Assert.That(WaitingCalls.CanWait(ShieldRuntime.CallerTokens(caller.Token), out var token), Is.True);
        var proxy = WaitingCalls.Wait(body.Task, Operation, token);

        Assert.That(proxy, Is.Not.SameAs(body.Task));
        Assert.That(ShieldedOperations.GetInFlight().Select(c => c.Operation), Is.EqualTo(new[] { Operation.Name }), "listed from its kickoff's record");
        caller.Cancel();
        Assert.That(proxy.IsCanceled, Is.True, "WaitAsync cancels as the caller's token fires");

        EndReturning(body);
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
    }

    [TestCase(false, TestName = "TwoCancelableTokensKeepTheRegistry")]
    [TestCase(true, TestName = "OneCancelableTokenBesideNoneWaits")]
    public void OnlyACallWithOneCancelableTokenWaits(bool secondIsNone)
    {
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var tokens = ShieldRuntime.CallerTokens(first.Token, secondIsNone ? CancellationToken.None : second.Token);

        Assert.That(WaitingCalls.CanWait(tokens, out var token), Is.EqualTo(secondIsNone));
        if (secondIsNone)
        {
            Assert.That(token, Is.EqualTo(first.Token));
        }
    }

    [Test]
    public async Task ACallerThatWalksAwayAfterTheFaultIsSeenButBeforeItIsHandedOverIsReportedOnce()
    {
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        var proxy = Start(body.Task, body.Task.WaitAsync(caller.Token));
        var thrown = new InvalidOperationException("lost");

        CallEnd.Ending(body.Task, thrown);
        var drain = ShieldedOperations.DrainAsync();
        Assert.That(ShieldedOperations.InFlight, Is.Zero, "the call stopped counting");
        Assert.That(drain.IsCompleted, Is.False, "the caller may still walk away: the drain waits");

        caller.Cancel();
        body.SetException(thrown);
        CallEnd.Ended(body.Task, thrown);

        Assert.That(proxy.IsCanceled, Is.True);
        Assert.That(_reported, Is.EqualTo(new[] { (Operation.Name, (Exception)thrown) }));
        await Limits.Within(drain, "the drain, once the fault was reported");
    }

    [Test]
    public async Task AFaultHandedToTheWaitingCallerIsNotReported()
    {
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        var proxy = Start(body.Task, body.Task.WaitAsync(caller.Token));
        var thrown = new InvalidOperationException("the caller's");

        EndFaulted(body, thrown);
        caller.Cancel();

        var received = await Assert.ThrowsAsync<InvalidOperationException>(async () => await proxy);
        Assert.That(received, Is.SameAs(thrown));
        Assert.That(_reported, Is.Empty);
        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
    }

    [TestCase(true, TestName = "AProxySettledLaterByTheCallersTokenReportsTheFault")]
    [TestCase(false, TestName = "AProxySettledLaterWithTheFaultReportsNothing")]
    public async Task AProxyWhoseContinuationWasQueuedIsSettledWhenItEnds(bool callerWalksAway)
    {
        // Where the stack is deep, the runtime queues WaitAsync's continuation instead of running it inside the body's
        // SetException: the Ended step then finds the proxy still pending. A hand-made proxy stands for it here.
        var body = new TaskCompletionSource<int>();
        var proxy = new TaskCompletionSource<int>();
        _ = Start(body.Task, proxy.Task);
        var thrown = new InvalidOperationException("late");

        EndFaulted(body, thrown);
        var drain = ShieldedOperations.DrainAsync();
        Assert.That(drain.IsCompleted, Is.False, "the proxy has not ended: the drain waits for it");
        Assert.That(_reported, Is.Empty);

        if (callerWalksAway)
        {
            proxy.SetCanceled();
        }
        else
        {
            proxy.SetException(thrown);
        }

        await Limits.Within(drain, "the drain, once the proxy ended");
        Assert.That(_reported, callerWalksAway ? Is.EqualTo(new[] { (Operation.Name, (Exception)thrown) }) : Is.Empty);
    }

    [Test]
    public async Task ABodyThatEndedBeforeItsKickoffRecordedItIsHandedToTheCallerItself()
    {
        // The body resumed on another thread and faulted while its kickoff was still between WaitAsync and the record:
        // its end found no record, so the kickoff, seeing the body ended, must not hand out a proxy that may yet be
        // canceled with nobody left to report the fault.
        var body = new TaskCompletionSource<int>();
        var proxy = new TaskCompletionSource<int>();
        var thrown = new InvalidOperationException("early");
        FaultBeforeTheKickoffRecords(body, thrown);

        var received = WaitingCalls.Record(body.Task, proxy.Task, Operation);
        proxy.SetCanceled();

        Assert.That(received, Is.SameAs(body.Task), "the caller gets the body's own task, and with it the fault");
        Assert.That(_reported, Is.Empty);
        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
        _ = body.Task.Exception;
    }

    [Test]
    public async Task TheProxyTheCallerDidNotGetLeavesNoFaultUnobserved()
    {
        // The proxy made for a body that ended before its kickoff recorded it copies the body's fault; the caller gets
        // the body instead, so nobody awaits the proxy. Its copy must not reach TaskScheduler.UnobservedTaskException.
        // The kickoff runs on a thread of its own, so that once the thread has ended and the listing has forgotten it,
        // nothing holds the proxy and a full collection finalizes it.
        using var watch = new UnobservedTaskWatch();
        watch.Collect(); // what earlier tests left behind is theirs
        Task? received = null;
        Task? body = null;
        var kickoff = new Thread(() => (body, received) = EndBeforeTheKickoffRecords());
        kickoff.Start();
        kickoff.Join();

        Assert.That(received, Is.SameAs(body));
        _ = body!.Exception;
        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
        Assert.That(ShieldedOperations.GetInFlight(), Is.Empty, "the listing also forgets threads that ended");
        Assert.That(watch.Collect(), Has.None.Message.EqualTo(CopiedFault));
    }

    const string CopiedFault = "copied into the proxy";

    static (Task Body, Task Received) EndBeforeTheKickoffRecords()
    {
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        var proxy = body.Task.WaitAsync(caller.Token);
        var thrown = new InvalidOperationException(CopiedFault);
        FaultBeforeTheKickoffRecords(body, thrown);
        return (body.Task, WaitingCalls.Record(body.Task, proxy, Operation));
    }

    [Test]
    public async Task ABodyThatEndsWhileItsKickoffChecksIsSettledByExactlyOneOfThem()
    {
        // The end took the record before the kickoff's check: the kickoff hands out the proxy, and the end settles it.
        var body = new TaskCompletionSource<int>();
        var proxy = new TaskCompletionSource<int>();
        var thrown = new InvalidOperationException("raced");
        ShieldRuntime.Suspending();
        ThreadCalls.Current.Record(body.Task, Operation, proxy.Task);
        CallEnd.Ending(body.Task, thrown);
        body.SetException(thrown);

        Assert.That(ThreadCalls.Current.TryClaim(body.Task), Is.False, "the end claimed the record first");
        CallEnd.Ended(body.Task, thrown);
        proxy.SetCanceled();

        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
        Assert.That(_reported, Is.EqualTo(new[] { (Operation.Name, (Exception)thrown) }));
    }

    [Test]
    public async Task AFaultOfACallRecordedInTheRegistryAfterItsEndLookedLetsTheDrainGo()
    {
        // A call with two cancelable tokens keeps an entry in the registry. Its body faulted on another thread before
        // its kickoff made the entry, so the Ending step, finding nothing, held the drain in case the call was a waiting
        // one; the Ended step, finding the late entry, must still let that hold go.
        var body = new TaskCompletionSource<int>();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var thrown = new InvalidOperationException("recorded late");
        _ = WaitingCalls.Record(Task.FromResult(0), Task.FromResult(0), Operation); // some waiting call has been made
        ShieldRuntime.Suspending();
        CallEnd.Ending(body.Task, thrown);

        var promise = ShieldPromises.Create<int>();
        Assert.That(InFlightRegistry.Track(body.Task, body.Task, promise, ShieldRuntime.CallerTokens(first.Token, second.Token), Operation, null, null), Is.True);
        body.SetException(thrown);
        CallEnd.Ended(body.Task, thrown);

        var received = await Assert.ThrowsAsync<InvalidOperationException>(async () => await promise.Task);
        Assert.That(received, Is.SameAs(thrown), "the late entry's proxy got the fault");
        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
        Assert.That(_reported, Is.Empty);
    }

    [Test]
    public async Task WithTheSystemClockTheListingReportsHowLongACallHasRun()
    {
        Assume.That(ShieldedOperations.TimeProvider, Is.SameAs(TimeProvider.System));
        var before = DateTimeOffset.UtcNow;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        _ = Start(body.Task, body.Task.WaitAsync(caller.Token));

        var listed = ShieldedOperations.GetInFlight().Single();
        var upperBound = watch.Elapsed;

        // The start is the coarse tick: within its resolution (a few milliseconds) of the truth.
        var resolution = TimeSpan.FromMilliseconds(50);
        Assert.That(listed.Elapsed, Is.InRange(TimeSpan.Zero, upperBound + resolution));
        Assert.That(listed.StartedAt, Is.InRange(before - resolution, DateTimeOffset.UtcNow));

        EndReturning(body);
        await Limits.Within(ShieldedOperations.DrainAsync(), "the drain");
    }
}
