using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.AspNetCore.Tests.Support;

namespace Shield.AspNetCore.Tests;

/// <summary>
/// Which shielded calls join a <see cref="ShieldedWorkGroup"/>: those made while it is open, and after it closed those
/// made while its work still runs (a body calling another shielded method); never any once it has ended. The gates
/// complete synchronously, so each body resumes inside SetResult and the counts read right after are exact.
/// </summary>
[NonParallelizable]
public class WorkGroupMembershipTests
{
    readonly Jobs _jobs = new();

    [Test]
    public async Task ACallMadeWhileTheGroupIsOpenJoins_TheGroupEndsWithIt()
    {
        var gate = new TaskCompletionSource();
        var group = ShieldedWorkGroup.Open();
        var call = _jobs.WaitAsync(gate.Task, CancellationToken.None);
        group.Close();

        Assert.That(group.Running, Is.EqualTo(1));
        Assert.That(group.GetRunning(), Has.Exactly(1).Property("Operation").EqualTo("Shield.AspNetCore.Tests.Support.Jobs.WaitAsync"));
        Assert.That(group.Ended.IsCompleted, Is.False);

        gate.SetResult();
        await call;
        Assert.That(group.Ended.IsCompleted, Is.True);
    }

    [Test]
    public void AGroupClosedWithNothingRunningHasEnded()
    {
        var group = ShieldedWorkGroup.Open();
        Assert.That(ShieldedWorkGroup.Current, Is.SameAs(group));

        group.Close();

        Assert.That(group.Ended.IsCompleted, Is.True);
        Assert.That(ShieldedWorkGroup.Current, Is.Null, "closing restores the ambient group of the flow that opened it");
    }

    [Test]
    public async Task AfterTheClose_ARunningBodysOwnCallJoins()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var group = ShieldedWorkGroup.Open();
        var call = _jobs.ThenAsync(first.Task, () => _jobs.WaitAsync(second.Task, CancellationToken.None), CancellationToken.None);
        group.Close();

        first.SetResult();

        Assert.That(group.Running, Is.EqualTo(2), "the body's own call joined after the close");
        Assert.That(group.Ended.IsCompleted, Is.False);
        second.SetResult();
        await call;
        Assert.That(group.Ended.IsCompleted, Is.True);
    }

    [Test]
    public async Task ACapturedContextThatCallsAfterTheGroupEnded_DoesNotJoin()
    {
        var fire = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var group = ShieldedWorkGroup.Open();
        var timer = Task.Run(async () =>
        {
            await fire.Task;
            return _jobs.WaitAsync(gate.Task, CancellationToken.None);
        });
        group.Close();
        Assert.That(group.Ended.IsCompleted, Is.True);

        fire.SetResult();
        var call = await timer;

        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1), "the call runs");
        Assert.That(group.Running, Is.Zero, "but not in the ended group");
        Assert.That(group.GetRunning(), Is.Empty);
        gate.SetResult();
        await call;
    }

    [Test]
    public async Task ACapturedContextThatCallsWhileTheGroupsWorkStillRuns_Joins()
    {
        var fire = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        var group = ShieldedWorkGroup.Open();
        var holding = _jobs.WaitAsync(held.Task, CancellationToken.None);
        var timer = Task.Run(async () =>
        {
            await fire.Task;
            return _jobs.WaitAsync(gate.Task, CancellationToken.None);
        });
        group.Close();

        fire.SetResult();
        var call = await timer;

        Assert.That(group.Running, Is.EqualTo(2), "the documented limit of the rule: the group's work had not ended");
        held.SetResult();
        await holding;
        Assert.That(group.Ended.IsCompleted, Is.False);
        gate.SetResult();
        await call;
        Assert.That(group.Ended.IsCompleted, Is.True);
    }
}
