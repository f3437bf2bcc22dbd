using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Tracing;

/// <summary>
/// The "Shield" ActivitySource, read with an ActivityListener: one span per shielded call, started before the body
/// runs, current inside it, stopped when the body ends, with the caller's walking away on both sides.
/// </summary>
public class TracingTests(Flavor flavor) : FakeClockTests(flavor)
{
    ActivityRecorder _recorder = null!;

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

    void UseTracing(string mode)
    {
        var tracing = Runtime.Assembly.GetType("Shield.ShieldedOperations", throwOnError: true)!.GetProperty("Tracing")!;
        tracing.SetValue(null, Enum.Parse(tracing.PropertyType, mode));
    }

    Task Call(string fixture, Probe probe, CancellationToken ct, string method = "SaveAsync") =>
        WovenFlavor.Call<Task>(Woven.Create(fixture), method, probe, ct);

    /// <summary>The body starts a span of its own when it records <paramref name="step"/>; returns where it will be.</summary>
    static Func<Activity?> InnerSpanAt(Probe probe, string step)
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

    static string Operation(string fixture) => $"AssemblyToProcess.{fixture}.SaveAsync";

    [Test]
    public async Task ABodyWhoseCallerWalkedAwayIsASpanThatOutlivesTheCaller()
    {
        var probe = NewProbe();
        var inner = InnerSpanAt(probe, "saved");
        using var callerToken = new CancellationTokenSource();
        var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = Call("InstanceMethod", probe, callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller), "the call returns the caller's own Activity.Current");
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        var body = _recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.False, "the span runs with the body");

        callerToken.Cancel();
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }), "there when Cancel() returns");
        Assert.That(body.GetTagItem("shield.walked_away"), Is.EqualTo(true));
        var walkedAway = caller.Events.Single();
        Assert.That(walkedAway.Name, Is.EqualTo("shield.walked_away"));
        Assert.That(walkedAway.Tags, Is.EqualTo(new[] { new System.Collections.Generic.KeyValuePair<string, object?>("shield.operation", Operation("InstanceMethod")) }));
        caller.Stop();
        Assert.That(body.IsStopped, Is.False, "the caller's end does not end the body's span");

        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.OperationName, Is.EqualTo(Operation("InstanceMethod")));
        Assert.That(body.DisplayName, Is.EqualTo(Operation("InstanceMethod")));
        Assert.That(body.Kind, Is.EqualTo(ActivityKind.Internal));
        Assert.That(body.GetTagItem("shield.operation"), Is.EqualTo(Operation("InstanceMethod")));
        Assert.That(body.GetTagItem("shield.timeout_ms"), Is.Null, "no deadline");
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(body.TraceId, Is.EqualTo(caller.TraceId));
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.StartTimeUtc + body.Duration, Is.GreaterThanOrEqualTo(caller.StartTimeUtc + caller.Duration), "the body's span ends after the caller's");
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(body.SpanId), "a span the body starts is the body's child");
    }

    [Test]
    public async Task ABodyThatFaultsAfterItsCallerWalkedAwayHasAnErrorAndTheException()
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = Call("ThrowAfterAwait", probe, callerToken.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        callerToken.Cancel();
        probe.Open();
        await Limits.Within(faults.First, "the fault to be reported");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("disk full"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away", "exception" }));
        var exception = body.Events.Last().Tags.ToDictionary(tag => tag.Key, tag => tag.Value);
        Assert.That(exception["exception.type"], Is.EqualTo("System.InvalidOperationException"));
        Assert.That(exception["exception.message"], Is.EqualTo("disk full"));
        Assert.That(exception["exception.stacktrace"], Is.EqualTo(probe.Thrown!.ToString()));
    }

    [Test]
    public async Task ACallerThatWaitsSeesNoWalkAway()
    {
        var probe = NewProbe();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("InstanceMethod", probe, callerToken.Token);
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.Events, Is.Empty);
        Assert.That(body.GetTagItem("shield.walked_away"), Is.Null);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(caller.Events, Is.Empty);
    }

    [Test]
    public async Task NewTraceWithLinkMakesTheBodyARootLinkedToTheCaller()
    {
        UseTracing("NewTraceWithLink");
        var probe = NewProbe();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        _ = Call("InstanceMethod", probe, callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller), "the call returns the caller's own Activity.Current");
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        callerToken.Cancel();
        Assert.That(caller.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }), "in this mode too");
        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.TraceId, Is.Not.EqualTo(caller.TraceId), "a new trace");
        Assert.That(body.Parent, Is.Null);
        Assert.That(body.ParentSpanId, Is.EqualTo(default(ActivitySpanId)));
        Assert.That(body.Links.Select(link => link.Context), Is.EqualTo(new[] { caller.Context }));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "shield.walked_away" }));
    }

    [Test]
    public async Task NewTraceWithLinkWithoutACallerActivityIsARootWithoutALink()
    {
        UseTracing("NewTraceWithLink");
        Assume.That(Activity.Current, Is.Null);
        var probe = NewProbe();

        var task = Call("InstanceMethod", probe, CancellationToken.None);
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.ParentSpanId, Is.EqualTo(default(ActivitySpanId)));
        Assert.That(body.Links, Is.Empty);
        Assert.That(Activity.Current, Is.Null);
    }

    [Test]
    public async Task WithoutAListenerNothingIsCreated()
    {
        _recorder.Dispose();
        _recorder = new ActivityRecorder(Runtime, listenToShield: false);
        Assert.That(ActivityRecorder.ShieldSource(Runtime).HasListeners(), Is.False);
        var probe = NewProbe();
        var inner = InnerSpanAt(probe, "saved");
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("InstanceMethod", probe, CancellationToken.None);
        probe.Open();
        await Limits.Within(task, "the call");

        Assert.That(_recorder.Shielded, Is.Empty);
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(caller.SpanId), "the body runs under the caller's Activity");
    }

    [Test]
    public async Task ABodyThatCompletesBeforeItsFirstAwaitHasItsSpanStartedAndStopped()
    {
        var probe = NewProbe();
        var inner = InnerSpanAt(probe, "saved");
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("SynchronousCompletion", probe, callerToken.Token);

        Assert.That(task.IsCompletedSuccessfully, Is.True);
        Assert.That(Activity.Current, Is.SameAs(caller));
        var body = _recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True, "stopped by the time the call returns");
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(body.SpanId));
        await task;
    }

    [Test]
    public async Task ABodyThatThrowsBeforeItsFirstAwaitHasAnErrorSpan()
    {
        var probe = NewProbe();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("ThrowBeforeAwait", probe, CancellationToken.None);

        Assert.That(Activity.Current, Is.SameAs(caller));
        var body = _recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("order is invalid"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "exception" }));
        await Assert.ThatAsync(() => task, Throws.ArgumentException);
    }

    [Test]
    public async Task AMethodThatIsNotAsyncGetsItsSpanToo()
    {
        var probe = NewProbe();
        var inner = InnerSpanAt(probe, "saved");
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("NonAsyncMethod", probe, callerToken.Token);
        Assert.That(Activity.Current, Is.SameAs(caller));
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.OperationName, Is.EqualTo(Operation("NonAsyncMethod")));
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(body.SpanId), "what the method calls runs under its span");
    }

    [Test]
    public async Task ABodyStoppedByItsDeadlineSaysSo()
    {
        var probe = NewProbe();
        var task = Call("Deadline", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Clock.Advance(TimeSpan.FromSeconds(5));
        await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the deadline to stop the body"));
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.GetTagItem("shield.timeout_ms"), Is.EqualTo(5000));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("deadline"));
        Assert.That(body.Events, Is.Empty);
    }

    [Test]
    public async Task ABodyThatEndsCanceledSaysSo()
    {
        var probe = NewProbe();
        var task = Call("CanceledBody", probe, CancellationToken.None);
        probe.Open();
        await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the call"));
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        var body = _recorder.Shielded.Single();
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("canceled"));
    }
}
