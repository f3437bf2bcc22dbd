using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// Shielded methods that are not async, handed a task another shielded call tracks too: each call counts, ends and
/// delivers on its own (see Runtime/SharedBodyTests for the same through RunAsync).
/// </summary>
[NonParallelizable]
public class SharedTaskTests(Flavor flavor) : FlavorTests(flavor)
{
    [Test]
    public async Task TwoCallersHandedTheSameRunningTaskBothReceiveItsResult()
    {
        var shared = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var fixture = Woven.Create("SharedTask");
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        var one = WovenFlavor.Call<Task<int>>(fixture, "LoadAsync", shared.Task, first.Token);
        var two = WovenFlavor.Call<Task<int>>(fixture, "LoadAsync", shared.Task, second.Token);
        Assert.That(Runtime.InFlight, Is.EqualTo(2));
        shared.SetResult(5);

        Assert.That(await Limits.Within(one, "the first call"), Is.EqualTo(5));
        Assert.That(await Limits.Within(two, "the second call"), Is.EqualTo(5));
        await Limits.Within(Runtime.DrainAsync(), "both calls to end");
    }

    [Test]
    public async Task ACallerHandedAShieldedMethodsTaskReceivesItsResult()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();

        var call = WovenFlavor.Call<Task<int>>(Woven.Create("SharedTask"), "ForwardAsync", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the inner body to reach its gate");
        Assert.That(Runtime.InFlight, Is.EqualTo(2));
        probe.Open();

        Assert.That(await Limits.Within(call, "the outer call"), Is.EqualTo(14));
        await Limits.Within(Runtime.DrainAsync(), "both calls to end");
    }
}
