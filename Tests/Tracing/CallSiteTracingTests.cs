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
/// A shielded call site gets the span a [Shield] method gets: started right before the callee runs, current while it
/// runs, the caller's Activity.Current back when the call returns, stopped when the callee's task ends.
/// </summary>
public class CallSiteTracingTests(Flavor flavor) : TracedFlavorTests(flavor)
{
    Task CallSite(string method, Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task>(Woven.Create("CallSites"), method, probe, ct);

    [Test]
    public Task ACalleeWhoseCallerWalkedAwayIsASpanThatOutlivesTheCaller()
    {
        var probe = NewProbe();
        return CallerWalksAway(probe, ct => CallSite("Write", probe, ct), "Fixtures.Library.Ledger.WriteAsync");
    }

    [Test]
    public Task ACallerThatWaitsSeesNoWalkAway()
    {
        var probe = NewProbe();
        return CallerWaits(probe, ct => CallSite("Write", probe, ct));
    }

    [TestCase("ReadCursor")]
    [TestCase("WriteAsArgument")]
    public Task ACallThatIsAnArgumentOrOnAValueTypeHasItsSpanToo(string method)
    {
        var probe = NewProbe();
        return CallerWaits(probe, ct => CallSite(method, probe, ct));
    }

    [Test]
    public Task ACalleeThatFaultsAfterItsCallerWalkedAwayHasAnErrorAndTheException()
    {
        var probe = NewProbe();
        return FaultsAfterTheCallerWalkedAway(probe, ct => CallSite("Fail", probe, ct));
    }

    [Test]
    public void ACalleeThatThrowsBeforeReturningATaskEndsItsSpanAsAFault()
    {
        var probe = NewProbe();
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var thrown = Assert.Throws<ArgumentException>(() => CallSite("Reject", probe, callerToken.Token));

        Assert.That(thrown, Is.SameAs(probe.Thrown), "the exception itself reaches the caller");
        Assert.That(Activity.Current, Is.SameAs(caller), "the caller's own Activity.Current");
        var body = Recorder.Shielded.Single();
        Assert.That(body.OperationName, Is.EqualTo("Fixtures.Library.Ledger.RejectAsync"));
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("rejected before any task"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "exception" }));
        Assert.That(Runtime.InFlight, Is.Zero);
    }
}
