using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>A method without [Shield] in a woven assembly is left as compiled: its body is canceled with its caller.</summary>
public class UnmarkedTests(Flavor flavor) : FlavorTests(flavor)
{
    [Test]
    public async Task BodyIsCanceledWithItsCaller()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = WovenFlavor.Call<Task<int>>(Woven.Create("Unmarked"), "SaveAsync", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();

        await Assert.ThatAsync(() => Limits.Within(task, "the call"), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(probe.Steps, Does.Not.Contain("saved"));
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }));
        Assert.That(ShieldedMethods.Of(Woven.Type("Unmarked")), Is.Empty);
    }
}
