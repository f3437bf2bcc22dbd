using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class AwaitInLoopTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 3;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("AwaitInLoop"), "SaveAsync", probe, 3, ct);

    [Test]
    public async Task EveryBatchIsSavedAfterTheCallerWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => Call(probe, ct));
        Assert.That(probe.Steps, Is.EqualTo(new[] { "started", "batch 0", "batch 1", "batch 2", "saved" }));
    }
}
