using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class InstanceMethodTests(Flavor flavor) : FlavorTests(flavor)
{
    Task<int> SaveAsync(Fixtures.Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, ct);

    [Test]
    public async Task CallerReceivesTheBodysResult()
    {
        var probe = NewProbe();
        var result = await ShieldScenarios.CallerReceivesResult(probe, ct => SaveAsync(probe, ct));
        Assert.That(result, Is.EqualTo(42));
    }

    [Test]
    public async Task BodyOutlivesCallerWhoWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => SaveAsync(probe, ct));
    }

    [Test]
    public async Task BodyRunsWhenTheTokenWasCanceledBeforeTheCall()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyRunsForCallerAlreadyCanceled(probe, ct => SaveAsync(probe, ct));
    }
}
