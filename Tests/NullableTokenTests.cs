using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class NullableTokenTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => true;

    protected override Task Call(Probe probe, CancellationToken ct) => SaveAsync(probe, ct);

    Task<bool> SaveAsync(Probe probe, CancellationToken? ct) =>
        WovenFlavor.Call<Task<bool>>(Woven.Create("NullableToken"), "SaveAsync", probe, ct);

    [Test]
    public async Task NullStaysNull()
    {
        var probe = NewProbe();
        var task = SaveAsync(probe, null);
        probe.Open();
        Assert.That(await Limits.Within(task, "the call"), Is.False, "the body saw null");
        Assert.That(probe.Steps, Does.Contain("null token"));
    }
}
