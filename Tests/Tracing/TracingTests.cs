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
public class TracingTests(Flavor flavor) : TracedFlavorTests(flavor)
{
    Task Call(string fixture, Probe probe, CancellationToken ct, string method = "SaveAsync") =>
        WovenFlavor.Call<Task>(Woven.Create(fixture), method, probe, ct);

    static string Operation(string fixture) => $"AssemblyToProcess.{fixture}.SaveAsync";

    [Test]
    public Task ABodyWhoseCallerWalkedAwayIsASpanThatOutlivesTheCaller()
    {
        var probe = NewProbe();
        return CallerWalksAway(probe, ct => Call("InstanceMethod", probe, ct), Operation("InstanceMethod"));
    }

    [Test]
    public Task ABodyThatFaultsAfterItsCallerWalkedAwayHasAnErrorAndTheException()
    {
        var probe = NewProbe();
        return FaultsAfterTheCallerWalkedAway(probe, ct => Call("ThrowAfterAwait", probe, ct));
    }

    [Test]
    public Task ACallerThatWaitsSeesNoWalkAway()
    {
        var probe = NewProbe();
        return CallerWaits(probe, ct => Call("InstanceMethod", probe, ct));
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

        var body = Recorder.Shielded.Single();
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

        var body = Recorder.Shielded.Single();
        Assert.That(body.ParentSpanId, Is.EqualTo(default(ActivitySpanId)));
        Assert.That(body.Links, Is.Empty);
        Assert.That(Activity.Current, Is.Null);
    }

    [Test]
    public async Task WithoutAListenerNothingIsCreated()
    {
        ListenToShield(false);
        Assert.That(ActivityRecorder.ShieldSource(Runtime).HasListeners(), Is.False);
        var probe = NewProbe();
        var inner = InnerSpanAt(probe, "saved");
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("InstanceMethod", probe, CancellationToken.None);
        probe.Open();
        await Limits.Within(task, "the call");

        Assert.That(Recorder.Shielded, Is.Empty);
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
        var body = Recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True, "stopped by the time the call returns");
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Unset));
        Assert.That(inner()?.ParentSpanId, Is.EqualTo(body.SpanId));
        await task;
    }

    [Test]
    public async Task NewTraceWithLinkGivesTheCallerItsActivityBackWhenTheBodyCompletesAtOnce()
    {
        UseTracing("NewTraceWithLink");
        var probe = NewProbe();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("SynchronousCompletion", probe, callerToken.Token);

        Assert.That(task.IsCompletedSuccessfully, Is.True);
        Assert.That(Recorder.Shielded.Single().IsStopped, Is.True);
        Assert.That(Activity.Current, Is.SameAs(caller), "stopping the body's root span does not clear the caller's");
        await task;
    }

    [Test]
    public async Task AnEndThatRunsAsAContinuationLeavesTheCompletingCodesActivityAlone()
    {
        // A method that is not async ends its call from a continuation on the task it returned: here it runs inline in
        // whatever completes that task, under that code's own Activity.
        var shared = new TaskCompletionSource<int>();
        using var callerToken = new CancellationTokenSource();
        Task<int> call;
        using (ActivityRecorder.Tests.StartActivity("request"))
        {
            call = WovenFlavor.Call<Task<int>>(Woven.Create("SharedTask"), "LoadAsync", shared.Task, callerToken.Token);
        }

        // On the thread pool: the test's synchronization context would have the continuation queued, not run inline.
        var (ended, completer, currentAfter) = await Task.Run(() =>
        {
            var completer = ActivityRecorder.Tests.StartActivity("reply dispatch")!;
            shared.SetResult(3);
            var ended = Recorder.Shielded.Single().IsStopped;
            var currentAfter = Activity.Current;
            completer.Dispose();
            return (ended, completer, currentAfter);
        });

        Assert.That(ended, Is.True, "the call's span ended inline, as the task completed");
        Assert.That(currentAfter, Is.SameAs(completer), "the completing code keeps its own Activity");
        Assert.That(await Limits.Within(call, "the call"), Is.EqualTo(3));
    }

    [Test]
    public async Task AnActivityListenerThatThrowsWhenASpanStopsNeitherFailsTheCallNorLeavesItInFlight()
    {
        var shield = ActivityRecorder.ShieldSource(Runtime);
        using var faulty = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, shield),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => throw new InvalidOperationException("listener bug"),
        };
        ActivitySource.AddActivityListener(faulty);
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var atOnce = Call("SynchronousCompletion", NewProbe(), CancellationToken.None);
        Assert.That(atOnce.IsCompletedSuccessfully, Is.True, "the span stopped as the call returned, and the caller got its result");
        Assert.That(Activity.Current, Is.SameAs(caller));

        var probe = NewProbe();
        var suspended = Call("InstanceMethod", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        probe.Open();
        await Limits.Within(suspended, "the call whose span the listener fails to stop");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");
        Assert.That(Recorder.Shielded.Select(a => a.IsStopped), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task ABodyThatThrowsBeforeItsFirstAwaitHasAnErrorSpan()
    {
        var probe = NewProbe();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = Call("ThrowBeforeAwait", probe, CancellationToken.None);

        Assert.That(Activity.Current, Is.SameAs(caller));
        var body = Recorder.Shielded.Single();
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

        var body = Recorder.Shielded.Single();
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

        var body = Recorder.Shielded.Single();
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

        var body = Recorder.Shielded.Single();
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("canceled"));
    }

    [Test]
    public void AMethodThatIsNotAsyncAndThrowsEndsItsSpanAsAFault()
    {
        var probe = NewProbe();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var thrown = Assert.Throws<ArgumentException>(() => Call("NonAsyncMethod", probe, callerToken.Token, "RejectAsync"));

        Assert.That(thrown, Is.SameAs(probe.Thrown), "the exception itself reaches the caller");
        Assert.That(Activity.Current, Is.SameAs(caller), "the caller's own Activity.Current");
        var body = Recorder.Shielded.Single();
        Assert.That(body.OperationName, Is.EqualTo("AssemblyToProcess.NonAsyncMethod.RejectAsync"));
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.ParentSpanId, Is.EqualTo(caller.SpanId));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("order is invalid"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "exception" }));
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [Test]
    public void AMethodThatIsNotAsyncAndThrowsReleasesItsDeadline()
    {
        var probe = NewProbe();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var thrown = Assert.Throws<ArgumentException>(() => Call("NonAsyncMethod", probe, CancellationToken.None, "RejectWithDeadlineAsync"));

        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(Activity.Current, Is.SameAs(caller));
        var body = Recorder.Shielded.Single();
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.GetTagItem("shield.timeout_ms"), Is.EqualTo(5000));
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("order is invalid"), "a fault, not the deadline");
        Assert.That(Timers.LiveTimers, Is.Zero, "the deadline's timer is released");
    }

    [Test]
    public void AMethodThatIsNotAsyncAndThrowsReleasesItsDeadlineWithoutAListener()
    {
        ListenToShield(false);
        var probe = NewProbe();

        var thrown = Assert.Throws<ArgumentException>(() => Call("NonAsyncMethod", probe, CancellationToken.None, "RejectWithDeadlineAsync"));

        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(Recorder.Shielded, Is.Empty);
        Assert.That(Timers.LiveTimers, Is.Zero);
    }
}
