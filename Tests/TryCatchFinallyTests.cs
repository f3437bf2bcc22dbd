using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class TryCatchFinallyTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => "written";

    protected override Task Call(Probe probe, CancellationToken ct) => SaveAsync(probe, fail: false, ct);

    Task<string> SaveAsync(Probe probe, bool fail, CancellationToken ct) =>
        WovenFlavor.Call<Task<string>>(Woven.Create("TryCatchFinally"), "SaveAsync", probe, fail, ct);

    [Test]
    public async Task CatchAndFinallyAwaitAfterTheCallerWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => SaveAsync(probe, fail: true, ct));
        Assert.That(probe.Steps, Is.EqualTo(new[] { "started", "caught write failed", "saved" }));
    }

    [Test]
    public async Task CallerReceivesWhatTheCatchReturned()
    {
        var probe = NewProbe();
        Assert.That(await ShieldScenarios.CallerReceivesResult(probe, ct => SaveAsync(probe, fail: true, ct)), Is.EqualTo("recovered"));
    }
}
