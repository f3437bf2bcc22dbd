using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>The base scenarios fire the first token; these fire the second and check what the body saw.</summary>
public class TwoTokensTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    readonly CancellationTokenSource _other = new();

    protected override object? ExpectedResult => "order 7";

    protected override Task Call(Probe probe, CancellationToken ct) => SaveAsync(probe, ct, _other.Token);

    Task<string> SaveAsync(Probe probe, CancellationToken first, CancellationToken second) =>
        WovenFlavor.Call<Task<string>>(Woven.Create("TwoTokens"), "SaveAsync", probe, first, "order 7", second);

    [OneTimeTearDown]
    public void DisposeOtherToken() => _other.Dispose();

    [Test]
    public async Task SecondTokenFiring()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => SaveAsync(probe, _other.Token, ct));
    }

    [Test]
    public async Task BodySeesNeitherToken()
    {
        var probe = NewProbe();
        await ShieldScenarios.CallerReceivesResult(probe, ct => SaveAsync(probe, ct, _other.Token));
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { false, false }));
    }
}
