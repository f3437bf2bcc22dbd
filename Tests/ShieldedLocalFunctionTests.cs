using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class ShieldedLocalFunctionTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 4;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("ShieldedLocalFunction"), "RunAsync", probe, ct);

    [Test]
    public void OnlyTheLocalFunctionIsShielded_NamedAfterItsOuterMethod()
    {
        var operations = ShieldedMethods.Of(Woven.Type("ShieldedLocalFunction")).Select(m => m.Operation);
        Assert.That(operations, Is.EqualTo(new[] { "AssemblyToProcess.ShieldedLocalFunction.RunAsync.SaveAsync" }));
    }
}
