using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests;

public class ThrowAfterAwaitTests(Flavor flavor) : FlavorTests(flavor)
{
    Task<int> SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("ThrowAfterAwait"), "SaveAsync", probe, ct);

    [Test]
    public async Task CallerWhoWaitsReceivesTheBodysOwnException()
    {
        var probe = NewProbe();
        await ShieldScenarios.CallerReceivesTheBodysOwnException(probe, Runtime, ct => SaveAsync(probe, ct));
    }

    [Test]
    public async Task FaultAfterTheCallerWalkedAwayIsReportedExactlyOnce()
    {
        var probe = NewProbe();
        await ShieldScenarios.FaultAfterTheCallerWalkedAwayIsReportedOnce(probe, Runtime, ct => SaveAsync(probe, ct), "AssemblyToProcess.ThrowAfterAwait.SaveAsync");
    }

    [Test]
    public async Task FaultAfterTheCallerWalkedAwayNeverReachesUnobservedTaskException()
    {
        var probe = NewProbe();
        using var watch = new UnobservedTaskWatch();
        using (Runtime.RecordUnobservedFaults())
        {
            using var caller = new CancellationTokenSource();
            _ = SaveAsync(probe, caller.Token);
            await Limits.Within(probe.AtGate, "the body to reach its gate");
            caller.Cancel();
            probe.Open();
            await Limits.Within(Runtime.DrainAsync(), "the body to end");
        }

        Assert.That(watch.Collect(), Has.None.SameAs(probe.Thrown));
    }

    [Test]
    public async Task AHandlerThatThrowsDisturbsNeitherTheBodyNorOtherHandlers()
    {
        var probe = NewProbe();
        using var throwing = Runtime.RecordUnobservedFaults((_, _) => throw new InvalidOperationException("handler bug"));
        using var faults = Runtime.RecordUnobservedFaults();
        await WalkAwayFromAFault(probe);

        Assert.That(throwing.Faults, Has.Count.EqualTo(1));
        Assert.That(faults.Faults, Has.Count.EqualTo(1), "the second handler still ran");
        Assert.That(Runtime.InFlight, Is.Zero, "the body ended normally for the runtime");
    }

    [Test]
    public async Task WithoutSubscribersTheFaultIsWrittenThroughTrace()
    {
        var probe = NewProbe();
        using var trace = new TraceCapture();
        await WalkAwayFromAFault(probe);

        Assert.That(trace.Text, Does.Contain("AssemblyToProcess.ThrowAfterAwait.SaveAsync").And.Contain("disk full"));
    }

    [Test]
    public async Task ACancelRacingTheFaultEitherHandsItToTheCallerOrReportsItOnce()
    {
        const int Rounds = 300;
        using var faults = Runtime.RecordUnobservedFaults();
        var received = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var probe = NewProbe();
            using var caller = new CancellationTokenSource();
            var task = SaveAsync(probe, caller.Token);
            await Limits.Within(probe.AtGate, "the body to reach its gate");
            await Race.Together(caller.Cancel, probe.Open);
            try
            {
                await Limits.Within(task, "the call");
                Assert.Fail("the body always throws");
            }
            catch (InvalidOperationException)
            {
                received++;
            }
            catch (OperationCanceledException)
            {
            }

            await Limits.Within(Runtime.DrainAsync(), "the body to end");
        }

        Assert.That(received + faults.Faults.Count, Is.EqualTo(Rounds), "every fault reached the caller or the event, once");
    }

    async Task WalkAwayFromAFault(Probe probe)
    {
        using var caller = new CancellationTokenSource();
        _ = SaveAsync(probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
    }
}
