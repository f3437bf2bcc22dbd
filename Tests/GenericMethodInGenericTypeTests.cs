using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class GenericMethodInGenericTypeTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => new KeyValuePair<string, string>("order", "key");

    protected override Task Call(Probe probe, CancellationToken ct) => SaveAsync(probe, "order", "key", ct);

    Task<KeyValuePair<TItem, TKey>> SaveAsync<TItem, TKey>(Probe probe, TItem item, TKey key, CancellationToken ct)
    {
        var type = Woven.Type("GenericMethodInGenericType`1").MakeGenericType(typeof(TItem));
        var method = type.GetMethod("SaveAsync")!.MakeGenericMethod(typeof(TKey));
        return WovenFlavor.Invoke<Task<KeyValuePair<TItem, TKey>>>(method, Activator.CreateInstance(type), [probe, item, key, ct]);
    }

    [Test]
    public async Task ValueTypeArguments()
    {
        var probe = NewProbe();
        var id = Guid.NewGuid();
        var saved = await ShieldScenarios.CallerReceivesResult(probe, ct => SaveAsync(probe, 17, id, ct));
        Assert.That(saved, Is.EqualTo(new KeyValuePair<int, Guid>(17, id)));
    }

    [Test]
    public async Task ValueTypeArgumentsWhenTheCallerWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => SaveAsync(probe, 17L, 3.5, ct));
    }
}
