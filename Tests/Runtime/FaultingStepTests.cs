using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// The two steps woven around a fault: <c>Faulting</c> before the builder sets the body's task (the call stops
/// counting) and <c>Faulted</c> after. These drive them in orders that woven code reaches only in races (the body ends
/// on another thread while its kickoff is still recording the call), with a TaskCompletionSource standing for the
/// builder's task, as the process looks before its first waiting call (a plain cancelable call that waits with
/// <c>WaitAsync</c>): that is when nothing yet tells a fault's end to look for one.
/// </summary>
[NonParallelizable]
public class FaultingStepTests
{
    readonly RuntimeView _runtime = new(typeof(ShieldedOperations).Assembly);
    ShieldedOperation Operation = null!;

    [SetUp]
    public void NameTheOperation() => Operation = new($"Tests.Runtime.FaultingStepTests.{TestContext.CurrentContext.Test.Name}", 0);

    [TearDown]
    public async Task Drain() => await Limits.Within(ShieldedOperations.DrainAsync(), "every call to drain");

    [Test]
    public async Task AFaultFindsTheFirstWaitingCallRecordedWhileItEnded()
    {
        using var firstWaitingCall = AsBeforeTheFirstWaitingCall();
        using var faults = _runtime.RecordUnobservedFaults();
        var body = new TaskCompletionSource<int>();
        using var caller = new CancellationTokenSource();
        var thrown = new InvalidOperationException("lost while the first waiting call was recorded");
        ShieldRuntime.Suspending();

        ShieldRuntime.Faulting(body.Task, thrown);
        var proxy = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(caller.Token), Operation, null);
        Assert.That(proxy, Is.Not.SameAs(body.Task), "the body's task was not set yet: the caller waits on a proxy");
        caller.Cancel();
        Assert.That(proxy.IsCanceled, Is.True, "the caller walked away");
        body.SetException(thrown);
        ShieldRuntime.Faulted(body.Task, thrown);

        await Limits.Within(faults.First, "the report of the fault nobody receives");
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults[0].Exception, Is.SameAs(thrown));
    }

    [Test]
    public async Task ADrainWaitsForTheReportOfAFaultWhoseEntryTheKickoffMadeLate()
    {
        using var firstWaitingCall = AsBeforeTheFirstWaitingCall();
        Task? drain = null;
        var drainedAtReport = true;
        using var faults = _runtime.RecordUnobservedFaults((_, _) => drainedAtReport = drain!.IsCompleted);
        var body = new TaskCompletionSource<int>();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var thrown = new InvalidOperationException("reported after the kickoff walked away");

        // The caller's token fired while the kickoff was still starting the body, which then ended on another thread
        // before its kickoff made the call's entry (two tokens that can fire: an entry and a proxy of its own).
        first.Cancel();
        ShieldRuntime.Suspending();
        ShieldRuntime.Faulting(body.Task, thrown);
        drain = ShieldedOperations.DrainAsync();
        Assert.That(drain.IsCompleted, Is.False, "the fault's end holds the drain until it has looked for a late entry");

        var proxy = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(first.Token, second.Token), Operation, null);
        Assert.That(proxy.IsCanceled, Is.True, "the caller had walked away");
        body.SetException(thrown);
        ShieldRuntime.Faulted(body.Task, thrown);

        await Limits.Within(drain, "the drain");
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(drainedAtReport, Is.False, "the fault was reported before the drain completed");
    }

    /// <summary>
    /// Makes this process look as it did before its first waiting call, until disposed. Reflection on a private field:
    /// the state it stands for cannot be reached again once any test has made a waiting call.
    /// </summary>
    static IDisposable AsBeforeTheFirstWaitingCall()
    {
        var anyWaiting = typeof(WaitingCalls).GetField("s_any", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new InvalidOperationException("WaitingCalls.s_any is gone: update this test's way of starting before the first waiting call.");
        var before = (bool)anyWaiting.GetValue(null)!;
        anyWaiting.SetValue(null, false);
        return new Restore(() =>
        {
            if (before)
            {
                anyWaiting.SetValue(null, true);
            }
        });
    }

    sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
