using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>[Shield(TimeoutMilliseconds = 5000)]: the body runs under a token that fires 5 s after the call.</summary>
public class DeadlineTests(Flavor flavor) : FakeClockTests(flavor)
{
    Task<int> SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("Deadline"), "SaveAsync", probe, ct);

    [Test]
    public async Task TheBodyIsCanceledByItsDeadlineNotByItsCaller()
    {
        var probe = NewProbe();
        var task = SaveAsync(probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }), "the body sees its deadline's token");

        Clock.Advance(TimeSpan.FromMilliseconds(4999));
        Assert.That(task.IsCompleted, Is.False);
        Clock.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the deadline to stop the body"));
        Assert.That(task.IsCanceled, Is.True);
        Assert.That(probe.Steps, Does.Not.Contain("saved"));
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(Timers.LiveTimers, Is.Zero, "the timer is released when the body ends");
    }

    [Test]
    public async Task WorkStoppedByItsDeadlineAfterTheCallerWalkedAwayIsReported()
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var task = SaveAsync(probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        Assert.That(task.IsCanceled, Is.True, "the caller's proxy is unchanged by the deadline");

        Clock.Advance(TimeSpan.FromSeconds(5));
        await Limits.Within(faults.First, "the lost work to be reported");
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults[0].Exception, Is.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task ABodyThatEndsInTimeReleasesItsTimer()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = SaveAsync(probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(Timers.LiveTimers, Is.EqualTo(1));

        probe.Open();
        Assert.That(await Limits.Within(task, "the call"), Is.EqualTo(14));
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(Timers.LiveTimers, Is.Zero);
    }

    [Test]
    public void ABodyThatCompletesAtOnceReleasesItsTimerAtOnce()
    {
        var probe = NewProbe();
        var task = WovenFlavor.Call<Task<int>>(Woven.Create("Deadline"), "CompleteAtOnceAsync", probe, CancellationToken.None);

        Assert.That(task.Result, Is.EqualTo(15));
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }));
        Assert.That(Timers.LiveTimers, Is.Zero);
    }

    [Test]
    public async Task ANullableTokenGetsTheDeadlineNullOrNot()
    {
        var probe = NewProbe();
        var task = WovenFlavor.Call<Task<bool>>(Woven.Create("Deadline"), "SaveNullableAsync", probe, null);
        probe.Open();

        Assert.That(await Limits.Within(task, "the call"), Is.True, "the body saw a token where the caller passed null");
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }));
    }
}
