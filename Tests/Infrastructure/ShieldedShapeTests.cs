using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;

namespace Tests.Infrastructure;

/// <summary>
/// The three behaviours every shielded shape must have, run for every flavour: the caller who waits receives the
/// body's result, the body outlives a caller who walks away, and a caller whose token was canceled before the call
/// is answered at once while the body still runs. A shape's test class says how to call it and what it returns,
/// and adds what is particular to the shape.
/// </summary>
public abstract class ShieldedShapeTests(Flavor flavor) : FlavorTests(flavor)
{
    /// <summary>Calls the shape's shielded method; the returned task is exactly what the caller receives.</summary>
    protected abstract Task Call(Probe probe, CancellationToken ct);

    /// <summary>What the caller receives when it waits; null for Task and ValueTask.</summary>
    protected abstract object? ExpectedResult { get; }

    [Test]
    public async Task CallerReceivesTheBodysResult()
    {
        var probe = NewProbe();
        var result = await ShieldScenarios.CallerReceivesResult(probe, async ct =>
        {
            var task = Call(probe, ct);
            await task;
            // A Task is a Task<VoidTaskResult> at run time: only read a result the shape promises.
            return ExpectedResult is null ? null : task.GetType().GetProperty("Result")!.GetValue(task);
        });
        Assert.That(result, Is.EqualTo(ExpectedResult));
    }

    [Test]
    public async Task BodyOutlivesCallerWhoWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => Call(probe, ct));
    }

    [Test]
    public async Task BodyRunsWhenTheTokenWasCanceledBeforeTheCall()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyRunsForCallerAlreadyCanceled(probe, ct => Call(probe, ct));
    }
}
