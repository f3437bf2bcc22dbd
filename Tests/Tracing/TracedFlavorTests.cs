using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Tracing;

/// <summary>
/// Base of the tracing tests: each test records the flavour's "Shield" source (and the tests' own) from a fresh
/// listener, in <c>ChildOfCaller</c> mode unless it says otherwise.
/// </summary>
public abstract class TracedFlavorTests(Flavor flavor) : FakeClockTests(flavor)
{
    ActivityRecorder _recorder = null!;

    protected ActivityRecorder Recorder => _recorder;

    [SetUp]
    public void Record()
    {
        _recorder = new ActivityRecorder(Runtime);
        UseTracing("ChildOfCaller");
    }

    [TearDown]
    public void StopRecording()
    {
        _recorder.Dispose();
        UseTracing("ChildOfCaller");
    }

    /// <summary>Records anew, with or without listening to the "Shield" source.</summary>
    protected void ListenToShield(bool listen)
    {
        _recorder.Dispose();
        _recorder = new ActivityRecorder(Runtime, listenToShield: listen);
    }

    protected void UseTracing(string mode)
    {
        var tracing = Runtime.Assembly.GetType("Shield.ShieldedOperations", throwOnError: true)!.GetProperty("Tracing")!;
        tracing.SetValue(null, Enum.Parse(tracing.PropertyType, mode));
    }

    /// <summary>The body starts a span of its own when it records <paramref name="step"/>; returns where it will be.</summary>
    protected static Func<Activity?> InnerSpanAt(Probe probe, string step)
    {
        Activity? inner = null;
        probe.OnStep = name =>
        {
            if (name == step)
            {
                inner = ActivityRecorder.Tests.StartActivity("store");
                inner?.Stop();
            }
        };
        return () => inner;
    }

    /// <summary>
    /// The caller walks away while the body waits at its gate: the call gives the caller its own Activity.Current back,
    /// the walk-away is on both Activities when Cancel() returns, the caller's end does not end the body's span, which
    /// ends with the body as the caller's child, with the spans the body starts as its children.
    /// </summary>
    protected async Task CallerWalksAway(Probe probe, Func<CancellationToken, Task> call, string operation)
    {
        var inner = InnerSpanAt(probe, "saved");
        using var callerToken = new CancellationTokenSource();
        var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = call(callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller), "the call returns the caller's own Activity.Current");
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        var body = Recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.False, "the span runs with the body");

        callerToken.Cancel();
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }), "there when Cancel() returns");
        Assert.That(body.GetTagItem("shield.walked_away"), Is.EqualTo(true));
        var walkedAway = caller.Events.Single();
        Assert.That(walkedAway.Name, Is.EqualTo("shield.walked_away"));
        Assert.That(walkedAway.Tags, Is.EqualTo(new[] { new KeyValuePair<string, object?>("shield.operation", operation) }));
        caller.Stop();
        Assert.That(body.IsStopped, Is.False, "the caller's end does not end the body's span");

        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.OperationName, Is.EqualTo(operation));
        Assert.That(body.DisplayName, Is.EqualTo(operation));
        Assert.That(body.Kind, Is.EqualTo(ActivityKind.Internal));
        Assert.That(body.GetTagItem("shield.operation"), Is.EqualTo(operation));
        Assert.That(body.GetTagItem("shield.timeout_ms"), Is.Null, "no deadline");
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(body.TraceId, Is.EqualTo(caller.TraceId));
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.StartTimeUtc + body.Duration, Is.GreaterThanOrEqualTo(caller.StartTimeUtc + caller.Duration), "the body's span ends after the caller's");
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(body.SpanId), "a span the body starts is the body's child");
    }

    /// <summary>The body throws InvalidOperationException("disk full") after its caller walked away: status Error, the exception event.</summary>
    protected async Task FaultsAfterTheCallerWalkedAway(Probe probe, Func<CancellationToken, Task> call)
    {
        using var faults = Runtime.RecordUnobservedFaults();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = call(callerToken.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        callerToken.Cancel();
        probe.Open();
        await Limits.Within(faults.First, "the fault to be reported");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = Recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("disk full"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away", "exception" }));
        var exception = body.Events.Last().Tags.ToDictionary(tag => tag.Key, tag => tag.Value);
        Assert.That(exception["exception.type"], Is.EqualTo("System.InvalidOperationException"));
        Assert.That(exception["exception.message"], Is.EqualTo("disk full"));
        Assert.That(exception["exception.stacktrace"], Is.EqualTo(probe.Thrown!.ToString()));
    }

    /// <summary>The caller waits for the body: its span ends with the body, a child of the caller's, with no event.</summary>
    protected async Task CallerWaits(Probe probe, Func<CancellationToken, Task> call)
    {
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = call(callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller), "the call returns the caller's own Activity.Current");
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = Recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.Events, Is.Empty);
        Assert.That(body.GetTagItem("shield.walked_away"), Is.Null);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(caller.Events, Is.Empty);
    }
}
