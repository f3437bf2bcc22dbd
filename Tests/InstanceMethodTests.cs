using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class InstanceMethodTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 42;

    protected override Task Call(Probe probe, CancellationToken ct) => WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, ct);

    [Test]
    public async Task ACancelRacingTheResultNeverLosesTheWork()
    {
        for (var round = 0; round < 300; round++)
        {
            var probe = NewProbe();
            using var caller = new CancellationTokenSource();
            var task = Call(probe, caller.Token);
            await Limits.Within(probe.AtGate, "the body to reach its gate");
            await Race.Together(caller.Cancel, probe.Open);

            await Limits.Within(probe.WhenStep("saved"), "the body to finish");
            Assert.That(task.IsCanceled || ((Task<int>)task).Result == 42, Is.True);
            await Limits.Within(Runtime.DrainAsync(), "the body to end");
        }
    }
}
