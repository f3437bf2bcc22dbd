using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Fixtures.Library;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Shield;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Tracing;

/// <summary>ShieldedOperations.RunAsync gets the span a [Shield] method gets.</summary>
[NonParallelizable]
public class RunAsyncTracingTests
{
    readonly RuntimeView _runtime = new(typeof(ShieldedOperations).Assembly);
    readonly Ledger _ledger = new();
    Probe _probe = null!;
    ActivityRecorder _recorder = null!;

    [SetUp]
    public void Record()
    {
        _probe = new Probe();
        _recorder = new ActivityRecorder(_runtime);
        ShieldedOperations.Tracing = ShieldTracing.ChildOfCaller;
    }

    [TearDown]
    public async Task StopRecording()
    {
        _probe.Open();
        _recorder.Dispose();
        ShieldedOperations.TimeProvider = TimeProvider.System;
        await Limits.Within(ShieldedOperations.DrainAsync(), "the work the test started to drain");
    }

    [Test]
    public async Task ABodyWhoseCallerWalkedAwayIsASpanThatOutlivesTheCaller()
    {
        Activity? inner = null;
        _probe.OnStep = name => inner = name == "saved" ? ActivityRecorder.Tests.StartActivity("store") : inner;
        using var callerToken = new CancellationTokenSource();
        var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = ShieldedOperations.RunAsync("Orders.Save", body => _ledger.WriteAsync(_probe, body), callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller), "the call returns the caller's own Activity.Current");
        await Limits.Within(_probe.AtGate, "the body to reach its gate");
        var span = _recorder.Shielded.Single();
        Assert.That(span.IsStopped, Is.False);

        callerToken.Cancel();
        Assert.That(span.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }));
        Assert.That(caller.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }));
        caller.Stop();

        _probe.Open();
        await Limits.Within(ShieldedOperations.DrainAsync(), "the body to end");
        inner?.Stop();
        Assert.That(span.IsStopped, Is.True);
        Assert.That(span.OperationName, Is.EqualTo("Orders.Save"));
        Assert.That(span.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(inner?.ParentSpanId, Is.EqualTo(span.SpanId), "the body runs under the call's span");
    }

    [Test]
    public async Task ABodyThatFaultsHasAnErrorAndTheException()
    {
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = ShieldedOperations.RunAsync("Orders.Fail", body => _ledger.FailAsync(_probe, body), CancellationToken.None);
        _probe.Open();
        await Assert.ThatAsync(() => Limits.Within(task, "the call"), Throws.InvalidOperationException);
        await Limits.Within(ShieldedOperations.DrainAsync(), "the body to end");

        var span = _recorder.Shielded.Single();
        Assert.That(span.IsStopped, Is.True);
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.StatusDescription, Is.EqualTo("disk full"));
        Assert.That(span.Events.Select(e => e.Name), Is.EqualTo(new[] { "exception" }));
    }

    [Test]
    public void ABodyThatThrowsBeforeReturningATaskEndsItsSpanAndDeadline()
    {
        var timers = new CountingTimeProvider(new FakeTimeProvider());
        ShieldedOperations.TimeProvider = timers;
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var thrown = Assert.Throws<ArgumentException>(() => ShieldedOperations.RunAsync("Orders.Reject", body => _ledger.RejectAsync(_probe, body), CancellationToken.None, TimeSpan.FromSeconds(5)));

        Assert.That(thrown, Is.SameAs(_probe.Thrown));
        Assert.That(Activity.Current, Is.SameAs(caller));
        var span = _recorder.Shielded.Single();
        Assert.That(span.IsStopped, Is.True);
        Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(span.StatusDescription, Is.EqualTo("rejected before any task"));
        Assert.That(timers.LiveTimers, Is.Zero, "the deadline's timer is released");
        Assert.That(ShieldedOperations.InFlight, Is.Zero);
    }
}
