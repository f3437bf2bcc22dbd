using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>The base scenarios run ValueTask&lt;int&gt; CountAsync; these run ValueTask SaveAsync.</summary>
public class ValueTaskMethodsTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 12;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<ValueTask<int>>(Woven.Create("ValueTaskMethods"), "CountAsync", probe, ct).AsTask();

    Task SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<ValueTask>(Woven.Create("ValueTaskMethods"), "SaveAsync", probe, ct).AsTask();

    [Test]
    public async Task ValueTaskCallerWaitsForTheBody()
    {
        var probe = NewProbe();
        await ShieldScenarios.CallerReceivesResult(probe, async ct =>
        {
            await SaveAsync(probe, ct);
            return true;
        });
    }

    [Test]
    public async Task ValueTaskBodyOutlivesCallerWhoWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => SaveAsync(probe, ct));
    }
}
