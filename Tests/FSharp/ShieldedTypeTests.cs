using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>
/// <c>[&lt;Shield&gt;]</c> on an F# type selects the members declared on it that return a task type and take a token,
/// though F# <c>task { }</c> members are not async in IL; closures live in types of their own and are passed over.
/// </summary>
public class ShieldedTypeTests(Flavor flavor) : FSharpShapeTests(flavor, "ShieldedType", 9)
{
    [Test]
    public void OnlyItsOwnTaskMembersWithATokenAreShielded()
    {
        var markers = ShieldedMethods.Of(Woven.Type("ShieldedType"));
        Assert.That(markers.Select(m => m.Operation), Is.EquivalentTo(new[] { "AssemblyToProcess.ShieldedType.SaveAsync", "AssemblyToProcess.ShieldedType.StoreAsync" }));
        Assert.That(markers.Select(m => m.SelectedBy), Is.All.EqualTo("[Shield] on the type"));
        Assert.That(ShieldedMethods.Count(Woven.Fixtures), Is.EqualTo(6), "the four [<Shield>] members and the two the type selects, no closure");
    }

    [Test]
    public async Task AClosureWithATokenIsNotShieldedThroughTheType()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var lambda = WovenFlavor.Call<System.Func<CancellationToken, Task>>(Woven.Create("ShieldedType"), "Lambda", probe);
        var task = lambda(caller.Token);
        await Limits.Within(probe.AtGate, "the closure to reach its gate");
        caller.Cancel();

        await Assert.ThatAsync(() => Limits.Within(task, "the call"), Throws.InstanceOf<System.OperationCanceledException>());
    }
}
