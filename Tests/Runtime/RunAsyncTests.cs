using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Fixtures.Library;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Shield;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Runtime;

/// <summary>
/// ShieldedOperations.RunAsync, the hand form for code that is not woven: the gate tests of [Shield] hold for it, and
/// its synchronous path allocates nothing beyond the caller's delegate.
/// </summary>
[NonParallelizable]
public class RunAsyncTests
{
    static readonly Task<int> Cached = Task.FromResult(7);
    static readonly Func<CancellationToken, Task<int>> CompletesAtOnce = _ => Cached;
    static readonly Func<CancellationToken, Task> CompletesAtOnceWithoutResult = _ => Task.CompletedTask;

    readonly List<Probe> _probes = [];
    readonly RuntimeView _runtime = new(typeof(ShieldedOperations).Assembly);
    readonly Ledger _ledger = new();

    Probe NewProbe()
    {
        var probe = new Probe();
        _probes.Add(probe);
        return probe;
    }

    [TearDown]
    public async Task OpenGatesAndDrain()
    {
        _probes.ForEach(p => p.Open());
        _probes.Clear();
        ShieldedOperations.TimeProvider = TimeProvider.System;
        await Limits.Within(ShieldedOperations.DrainAsync(), "the work the test started to drain");
    }

    [Test]
    public async Task TheCallerReceivesTheBodysResult()
    {
        var probe = NewProbe();
        var result = await ShieldScenarios.CallerReceivesResult(probe, ct => ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteAsync(probe, body), ct));
        Assert.That(result, Is.EqualTo(21));
    }

    [Test]
    public async Task TheBodyOutlivesACallerWhoWalksAway()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteNoResultAsync(probe, body), ct));
    }

    [Test]
    public async Task TheBodyRunsWhenTheTokenWasCanceledBeforeTheCall()
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyRunsForCallerAlreadyCanceled(probe, ct => ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteAsync(probe, body), ct));
    }

    [Test]
    public async Task TheCallerWhoWaitsReceivesTheBodysOwnException()
    {
        var probe = NewProbe();
        await ShieldScenarios.CallerReceivesTheBodysOwnException(probe, _runtime, ct => ShieldedOperations.RunAsync("Orders.Fail", body => _ledger.FailAsync(probe, body), ct));
    }

    [Test]
    public async Task AFaultAfterTheCallerWalkedAwayIsReportedOnce()
    {
        var probe = NewProbe();
        await ShieldScenarios.FaultAfterTheCallerWalkedAwayIsReportedOnce(probe, _runtime, ct => ShieldedOperations.RunAsync("Orders.Fail", body => _ledger.FailAsync(probe, body), ct), "Orders.Fail");
    }

    [Test]
    public async Task TheCallCountsInFlightUnderItsOperation()
    {
        var probe = NewProbe();
        var task = ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteAsync(probe, body), CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");

        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1));
        Assert.That(ShieldedOperations.GetInFlight(), Has.One.Matches<InFlightOperation>(o => o.Operation == "Orders.Save"));
        probe.Open();
        await Limits.Within(task, "the call");
    }

    [Test]
    public void WhatTheBodyThrowsBeforeReturningATaskReachesTheCaller()
    {
        var probe = NewProbe();
        var thrown = Assert.Throws<ArgumentException>(() => ShieldedOperations.RunAsync("Orders.Reject", body => _ledger.RejectAsync(probe, body), CancellationToken.None));
        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
    }

    [Test]
    public async Task TheTimeoutBecomesTheBodysDeadline()
    {
        var clock = new FakeTimeProvider();
        ShieldedOperations.TimeProvider = clock;
        var probe = NewProbe();
        var task = ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteAsync(probe, body), CancellationToken.None, TimeSpan.FromSeconds(5));
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }), "the body sees the deadline's token");

        clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the deadline to stop the body"));
        Assert.That(probe.Steps, Does.Not.Contain("saved"));
    }

    [Test]
    public void ANegativeTimeoutIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShieldedOperations.RunAsync("Orders.Save", CompletesAtOnce, CancellationToken.None, TimeSpan.FromSeconds(-1)));

    [Test]
    public void ABodyCompletedSynchronouslyAllocatesNothingBeyondTheCallersDelegate()
    {
        using var caller = new CancellationTokenSource();
        Assert.That(AllocationTests.BytesPerCall(() => ShieldedOperations.RunAsync("Orders.Count", CompletesAtOnce, caller.Token)), Is.Zero);
        Assert.That(AllocationTests.BytesPerCall(() => ShieldedOperations.RunAsync("Orders.Count", CompletesAtOnceWithoutResult, caller.Token)), Is.Zero);
    }
}
