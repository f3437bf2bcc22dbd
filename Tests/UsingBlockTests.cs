using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class UsingBlockTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 6;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("UsingBlock"), "SaveAsync", probe, ct);

    [Test]
    public async Task ResourceIsDisposedAfterTheWorkNotWhenTheCallerLeaves()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => Call(probe, ct));
        Assert.That(probe.Steps, Is.EqualTo(new[] { "started", "written", "disposed", "saved" }));
    }
}
