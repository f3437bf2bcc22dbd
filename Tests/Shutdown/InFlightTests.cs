using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>ShieldedOperations.InFlight, GetInFlight and DrainAsync, on the fixtures' shielded methods.</summary>
public class InFlightTests(Flavor flavor) : FakeClockTests(flavor)
{
    Task<int> SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, ct);

    [TestCase(false)]
    [TestCase(true)]
    public async Task ASuspendedBodyIsCountedAndListedWhateverTheCallersToken(bool cancelable)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        _ = SaveAsync(probe, cancelable ? caller.Token : CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        var startedAt = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.That(Runtime.InFlight, Is.EqualTo(1));
        var listed = Runtime.GetInFlight().Single();
        Assert.That(listed.Operation, Is.EqualTo("AssemblyToProcess.InstanceMethod.SaveAsync"));
        Assert.That(listed.StartedAt, Is.EqualTo(startedAt));
        Assert.That(listed.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3)));

        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
        Assert.That(Runtime.GetInFlight(), Is.Empty);
    }

    [Test]
    public async Task AMethodThatIsNotAsyncIsCountedUntilItsTaskEnds()
    {
        var probe = NewProbe();
        _ = WovenFlavor.Call<Task<int>>(Woven.Create("NonAsyncMethod"), "SaveAsync", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(Runtime.InFlight, Is.EqualTo(1));

        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [Test]
    public void DrainCompletesAtOnceWhenNothingIsInFlight() =>
        Assert.That(Runtime.DrainAsync().IsCompletedSuccessfully, Is.True);

    [Test]
    public async Task DrainWaitsForWorkThatStartsWhileItWaits()
    {
        var first = NewProbe();
        var second = NewProbe();
        _ = SaveAsync(first, CancellationToken.None);
        await Limits.Within(first.AtGate, "the first body to reach its gate");

        var drain = Runtime.DrainAsync();
        _ = SaveAsync(second, CancellationToken.None);
        await Limits.Within(second.AtGate, "the second body to reach its gate");
        first.Open();
        await Limits.Within(first.WhenStep("saved"), "the first body to finish");
        Assert.That(drain.IsCompleted, Is.False, "the second call is still in flight");

        second.Open();
        await Limits.Within(drain, "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [Test]
    public async Task DrainThrowsWhenItsTokenFiresFirstAndTheWorkGoesOn()
    {
        var probe = NewProbe();
        _ = SaveAsync(probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");

        using var shutdown = new CancellationTokenSource();
        var drain = Runtime.DrainAsync(shutdown.Token);
        shutdown.Cancel();
        var canceled = await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(drain, "the drain to give up"));
        Assert.That(canceled!.CancellationToken, Is.EqualTo(shutdown.Token));
        Assert.That(Runtime.InFlight, Is.EqualTo(1), "giving up the wait does not stop the work");
    }
}
