using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Shield.Testing;

namespace Tests.Infrastructure;

/// <summary>
/// The behaviours every shielded shape must have, written once. A fixture body records "started", waits at its
/// probe's gate with the token it was given, checks that token, and records "saved".
/// </summary>
public static class ShieldScenarios
{
    /// <summary>The caller waits with a cancelable token that never fires: it gets the body's result.</summary>
    public static async Task<T> CallerReceivesResult<T>(Probe probe, Func<CancellationToken, Task<T>> call)
    {
        using var caller = new CancellationTokenSource();
        var task = call(caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(task.IsCompleted, Is.False, "the caller's task is still running while the body waits");

        probe.Open();
        var result = await Limits.Within(task, "the caller's task");
        Assert.That(probe.Steps, Does.Contain("saved"));
        Assert.That(probe.TokensSeenCancelable, Is.Not.Empty.And.All.False, "the body only ever sees tokens that cannot fire");
        return result;
    }

    /// <summary>
    /// The caller's token fires while the body waits at its gate: the caller's task is canceled at once, with the
    /// caller's token, and the body runs on to completion once the gate opens.
    /// </summary>
    public static async Task BodyOutlivesCaller(Probe probe, Func<CancellationToken, Task> call)
    {
        using var caller = new CancellationTokenSource();
        var task = call(caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");

        caller.Cancel();

        Assert.That(task.IsCanceled, Is.True, "the caller's task is canceled as soon as its token fires");
        var canceled = (await Assert.CatchAsync<OperationCanceledException>(() => task))!;
        Assert.That(canceled.CancellationToken, Is.EqualTo(caller.Token), "the exception carries the caller's token");
        Assert.That(probe.Steps, Does.Not.Contain("saved"), "the body has not finished yet");

        probe.Open();
        await Limits.Within(probe.WhenStep("saved"), "the body to finish after its caller walked away");
        Assert.That(probe.TokensSeenCancelable, Is.Not.Empty.And.All.False);
    }

    /// <summary>The caller's token was canceled before the call: the proxy is canceled at once, the body still runs.</summary>
    public static async Task BodyRunsForCallerAlreadyCanceled(Probe probe, Func<CancellationToken, Task> call)
    {
        var task = call(new CancellationToken(canceled: true));
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(task.IsCanceled, Is.True, "the caller's task is canceled at the call");

        probe.Open();
        await Limits.Within(probe.WhenStep("saved"), "the body to finish");
    }

    /// <summary>The body throws after its gate and the caller waits: it receives that very exception, and nothing is reported.</summary>
    public static async Task CallerReceivesTheBodysOwnException(Probe probe, RuntimeView runtime, Func<CancellationToken, Task> call)
    {
        using var faults = runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var task = call(caller.Token);
        probe.Open();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Limits.Within(task, "the call"));
        Assert.That(thrown, Is.SameAs(probe.Thrown), "the same instance, not a wrapper");
        await runtime.DrainAsync();
        Assert.That(faults.Faults, Is.Empty, "a fault the caller received is not reported");
    }

    /// <summary>The caller walks away, then the body throws: the fault is reported once, under the operation's name.</summary>
    public static async Task FaultAfterTheCallerWalkedAwayIsReportedOnce(Probe probe, RuntimeView runtime, Func<CancellationToken, Task> call, string operation)
    {
        using var faults = runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var task = call(caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        probe.Open();

        await Limits.Within(faults.First, "the fault to be reported");
        await Limits.Within(runtime.DrainAsync(), "the body to end");
        Assert.That(task.IsCanceled, Is.True);
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults[0].Operation, Is.EqualTo(operation));
        Assert.That(faults.Faults[0].Exception, Is.SameAs(probe.Thrown));
    }
}
