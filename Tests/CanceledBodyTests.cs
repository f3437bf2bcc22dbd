using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>A body that ends canceled on its own account, not because of the caller.</summary>
public class CanceledBodyTests(Flavor flavor) : FlavorTests(flavor)
{
    Task SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task>(Woven.Create("CanceledBody"), "SaveAsync", probe, ct);

    [Test]
    public async Task CallerReceivesTheBodysOwnCancellation()
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var task = SaveAsync(probe, caller.Token);
        probe.Open();

        var canceled = await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the call"));
        Assert.That(task.IsCanceled, Is.True, "the caller's task ends Canceled, as the body's did");
        Assert.That(canceled, Is.SameAs(probe.Thrown));
        Assert.That(canceled!.Message, Is.EqualTo("the store went away"));
        Assert.That(canceled.InnerException, Is.TypeOf<TimeoutException>());

        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(faults.Faults, Is.Empty, "the caller received the cancellation: nothing was lost");
    }

    [Test]
    public async Task CancellationAfterTheCallerWalkedAwayIsReported()
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        _ = SaveAsync(probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        probe.Open();

        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(faults.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults[0].Exception, Is.SameAs(probe.Thrown));
    }
}
