using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield;

namespace Tests.Runtime;

/// <summary>
/// Both promise implementations settle the caller's task the same way: the TaskCompletionSource one the runtime
/// uses on .NET 9 and later, and the builder one used on netstandard2.0 and .NET 8.
/// </summary>
public class ShieldPromiseTests
{
    public static IEnumerable<string> Promises => ["TaskCompletionSource<int>", "builder<int>", "TaskCompletionSource", "builder"];

    static IShieldPromise Create(string kind) => kind switch
    {
        "TaskCompletionSource<int>" => new CompletionSourcePromise<int>(),
        "builder<int>" => new BuilderPromise<int>(),
        "TaskCompletionSource" => new CompletionSourcePromise(),
        _ => new BuilderPromise(),
    };

    static Task BodyEndedCanceled(OperationCanceledException canceled, bool withResult)
    {
        return withResult ? Body<int>() : Body<bool>();

        async Task<T> Body<T>()
        {
            await Task.Yield();
            throw canceled;
        }
    }

    static bool HasResult(IShieldPromise promise) => promise.Task is Task<int>;

    [Test]
    public void TheRuntimeUsesTheCompletionSourcePromiseHere() =>
        Assert.That(ShieldPromises.Create<int>(), Is.InstanceOf<CompletionSourcePromise<int>>(), "this runtime has TrySetFromTask");

    [TestCaseSource(nameof(Promises))]
    public async Task WalkingAwayCancelsWithTheCallersTokenOnce(string kind)
    {
        var promise = Create(kind);
        using var caller = new CancellationTokenSource();
        caller.Cancel();

        Assert.That(promise.TryWalkAway(caller.Token), Is.True);
        Assert.That(promise.Task.IsCanceled, Is.True);
        var canceled = await Assert.CatchAsync<OperationCanceledException>(() => promise.Task);
        Assert.That(canceled!.CancellationToken, Is.EqualTo(caller.Token));
        Assert.That(promise.TryFault(Task.FromException(new InvalidOperationException()), new InvalidOperationException()), Is.False, "the body comes second");
        Assert.That(promise.TryWalkAway(caller.Token), Is.False);
    }

    [TestCaseSource(nameof(Promises))]
    public async Task AFaultIsTheBodysOwnException(string kind)
    {
        var promise = Create(kind);
        var fault = new InvalidOperationException("disk full");

        Assert.That(promise.TryFault(Task.FromException(fault), fault), Is.True);
        Assert.That(await Assert.CatchAsync<InvalidOperationException>(() => promise.Task), Is.SameAs(fault));
        Assert.That(promise.TryWalkAway(new CancellationToken(true)), Is.False, "the caller comes second");
    }

    [TestCaseSource(nameof(Promises))]
    public async Task ABodyThatEndedCanceledLeavesTheCallersTaskCanceledWithItsOwnException(string kind)
    {
        var promise = Create(kind);
        var canceled = new OperationCanceledException("the store went away", new TimeoutException("no answer"));
        var body = BodyEndedCanceled(canceled, HasResult(promise));
        await Assert.CatchAsync<OperationCanceledException>(() => body);

        Assert.That(promise.TryFault(body, canceled), Is.True);
        Assert.That(promise.Task.IsCanceled, Is.True);
        Assert.That(await Assert.CatchAsync<OperationCanceledException>(() => promise.Task), Is.SameAs(canceled));
    }

    [TestCaseSource(nameof(Promises))]
    public async Task ABodyThatRanToCompletionHandsOverItsResult(string kind)
    {
        var promise = Create(kind);
        Task body = HasResult(promise) ? Task.FromResult(42) : Task.CompletedTask;

        Assert.That(promise.TryComplete(body), Is.True);
        await promise.Task;
        if (promise.Task is Task<int> result)
        {
            Assert.That(result.Result, Is.EqualTo(42));
        }
    }
}
