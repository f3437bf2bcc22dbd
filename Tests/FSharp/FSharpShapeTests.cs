using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>
/// The shielded-shape behaviours for an F# fixture type whose <c>SaveAsync(probe, ct)</c> member is shielded, run for
/// every F# flavour (both weave paths, Debug and Release, netstandard2.0 and net10.0).
/// </summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.FSharp))]
public abstract class FSharpShapeTests(Flavor flavor, string typeName, object expectedResult) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => expectedResult;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<object>(Woven.Create(typeName), "SaveAsync", probe, ct) switch
        {
            Task task => task,
            ValueTask<int> valueTask => valueTask.AsTask(),
            var other => throw new InvalidOperationException($"{typeName}.SaveAsync returned {other}"),
        };
}
