using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// The two steps woven around a result: <c>Finishing</c> right before the builder sets the body's task (the call stops
/// counting; it returns whether it left the call's entry on the thread) and <c>Finished</c> right after, told what the
/// first returned. These drive the steps in the orders that woven code reaches only in races, with a
/// TaskCompletionSource standing for the builder's task.
/// </summary>
[NonParallelizable]
public class FinishingStepTests
{
    // One operation per test, so a test that fails leaves nothing the next one lists.
    ShieldedOperation Operation = null!;

    [SetUp]
    public void NameTheOperation() => Operation = new($"Tests.Runtime.FinishingStepTests.{TestContext.CurrentContext.Test.Name}", 0);

    [TearDown]
    public async Task Drain() => await Limits.Within(ShieldedOperations.DrainAsync(), "every call to drain");

    string[] Listed() => ShieldedOperations.GetInFlight().Select(c => c.Operation).Where(name => name == Operation.Name).ToArray();

    [Test]
    public void ABodyWhoseResultIsBeingSetIsNoLongerListed()
    {
        var body = new TaskCompletionSource<int>();
        ShieldRuntime.Suspending();
        var received = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(CancellationToken.None), Operation, null);
        Assert.That(received, Is.SameAs(body.Task), "no caller token can fire: the caller holds the body's task");
        Assert.That(Listed(), Has.Length.EqualTo(1), "listed from its kickoff's record");

        var handedOver = ShieldRuntime.Finishing(body.Task);

        Assert.That(handedOver, Is.False, "a call without an entry leaves nothing for the second step");
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
        Assert.That(Listed(), Is.Empty, "it stopped counting, so it is not listed, though its task is not set yet");

        body.SetResult(42);
        ShieldRuntime.Finished(body.Task, handedOver);
        Assert.That(Listed(), Is.Empty);
    }

    [Test]
    public async Task AnEntryTheFinishingStepTookIsHandedToTheSecondStep()
    {
        var body = new TaskCompletionSource<int>();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        ShieldRuntime.Suspending();
        var proxy = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(first.Token, second.Token), Operation, null);
        Assert.That(proxy, Is.Not.SameAs(body.Task), "two tokens that can fire: the call has an entry and a proxy");

        var handedOver = ShieldRuntime.Finishing(body.Task);

        Assert.That(handedOver, Is.True, "the entry waits on this thread for the second step");
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
        Assert.That(Listed(), Is.Empty, "a body whose end this thread is handing over is not listed");

        body.SetResult(7);
        Assert.That(proxy.IsCompleted, Is.False, "the proxy gets the result from the second step");
        ShieldRuntime.Finished(body.Task, handedOver);
        Assert.That(await Limits.Within(proxy, "the proxy"), Is.EqualTo(7));
    }

    [Test]
    public async Task AnEntryTheKickoffMadeAfterTheFinishingStepLookedGetsTheResult()
    {
        var body = new TaskCompletionSource<int>();
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        ShieldRuntime.Suspending();

        // The body resumed on another thread and reached its end before its kickoff recorded the call.
        var handedOver = ShieldRuntime.Finishing(body.Task);
        var proxy = ShieldRuntime.Started(body.Task, ShieldRuntime.CallerTokens(first.Token, second.Token), Operation, null);

        Assert.That(handedOver, Is.False, "there was no entry to take yet");
        Assert.That(proxy, Is.Not.SameAs(body.Task), "the body's task was not set yet: the kickoff made an entry and a proxy");
        body.SetResult(9);
        ShieldRuntime.Finished(body.Task, handedOver);
        Assert.That(await Limits.Within(proxy, "the proxy"), Is.EqualTo(9));
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
    }
}
