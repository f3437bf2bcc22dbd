using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class TokenRegistrationTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 3;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("TokenRegistration"), "SaveAsync", probe, ct);

    [Test]
    public async Task RegistrationNeverFiresWhenTheCallerWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => Call(probe, ct));
        Assert.That(probe.Steps, Does.Not.Contain("registration fired"));
    }
}
