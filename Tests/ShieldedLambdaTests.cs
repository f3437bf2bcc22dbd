using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class ShieldedLambdaTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 5;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Func<CancellationToken, Task<int>>>(Woven.Create("ShieldedLambda"), "Create", probe)(ct);

    [Test]
    public void TheLambdaIsNamedAfterItsOuterMethod()
    {
        var operations = ShieldedMethods.Of(Woven.Type("ShieldedLambda")).Select(m => m.Operation);
        Assert.That(operations, Is.EqualTo(new[] { "AssemblyToProcess.ShieldedLambda.Create.<lambda>" }));
    }
}
