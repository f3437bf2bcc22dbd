using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class ShieldedClassTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 9;

    protected override Task Call(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("ShieldedClass"), "SaveAsync", probe, ct);

    [Test]
    public void OnlyItsOwnAsyncMethodsWithATokenAreShielded()
    {
        var markers = ShieldedMethods.Of(Woven.Type("ShieldedClass"));
        Assert.That(markers.Select(m => m.Operation), Is.EquivalentTo(new[] { "AssemblyToProcess.ShieldedClass.SaveAsync", "AssemblyToProcess.ShieldedClass.StoreAsync" }));
        Assert.That(markers.Select(m => m.SelectedBy), Is.All.EqualTo("[Shield] on the type"));
    }

    [Test]
    public async Task NestedTypesAreNotShieldedThroughTheirOuterType()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = WovenFlavor.Call<Task>(Woven.Create("ShieldedClass+Nested"), "SaveAsync", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();

        await Assert.ThatAsync(() => Limits.Within(task, "the call"), Throws.InstanceOf<System.OperationCanceledException>());
        Assert.That(probe.Steps, Is.Empty, "the unshielded body was canceled with its caller");
    }
}
