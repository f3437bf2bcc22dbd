using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

public class SynchronousCompletionTests(Flavor flavor) : FlavorTests(flavor)
{
    [Test]
    public async Task CallerReceivesACompletedTaskAndNothingIsTracked()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = WovenFlavor.Call<Task<int>>(Woven.Create("SynchronousCompletion"), "SaveAsync", probe, caller.Token);

        Assert.That(task.IsCompletedSuccessfully, Is.True);
        Assert.That(await task, Is.EqualTo(8));
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { false }));
        Assert.That(Runtime.InFlight, Is.Zero);
        Assert.That(Runtime.GetInFlight(), Is.Empty);
    }
}
