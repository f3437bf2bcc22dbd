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
        AssertEndedAsAFault(caller, "Fixtures.Library.Ledger.RejectAsync");
    }

    /// <summary>Where the stack holds more than the call's arguments, the call is protected in a method of its own.</summary>
    [TestCase("CheckedWriteAsArgument", "Fixtures.Library.Ledger.CheckedWriteAsync")]
    [TestCase("CheckedWriteIntoField", "Fixtures.Library.Ledger.CheckedWriteAsync")]
    [TestCase("CheckedReadCursorAsArgument", "Fixtures.Library.Cursor.CheckedReadAsync")]
    [TestCase("CheckedWriteOnBaseAsArgument", "AssemblyToProcess.CallSites.AuditedLedger.CheckedWriteAsync")]
    [TestCase("CheckedPutInStoreAsArgument", "Fixtures.Library.IStore.PutAsync")]
    [TestCase("CheckedPutInStoreSlotAsArgument", "Fixtures.Library.IStore.PutAsync")]
    [TestCase("CheckedPutInHeldStoreAsArgument", "Fixtures.Library.IStore.PutAsync")]
    [TestCase("CheckedPutInHeldStoreSlotAsArgument", "Fixtures.Library.IStore.PutAsync")]
    public void ACalleeThatThrowsBeforeReturningATaskEndsItsSpanWhateverTheStackHolds(string method, string operation)
    {
        var (thrown, probe) = ThrowsBeforeAnyTask<ArgumentException>((probe, ct) => CallSite(method, probe, ct), operation);
        Assert.That(thrown, Is.SameAs(probe.Thrown), "the exception itself reaches the caller");
    }

    [Test]
    public void ACalleeThatThrowsBeforeReturningATaskAsAnArgumentInAGenericMethodEndsItsSpan()
    {
        var fixture = Woven.Create("CallSites");
        var method = fixture.GetType().GetMethod("CheckedEchoAsArgument")!.MakeGenericMethod(typeof(string));

        var (thrown, probe) = ThrowsBeforeAnyTask<ArgumentException>(
            (probe, ct) => WovenFlavor.Invoke<Task>(method, fixture, ["echo", probe, ct]), "Fixtures.Library.Ledger.CheckedEchoAsync");
        Assert.That(thrown, Is.SameAs(probe.Thrown), "the exception itself reaches the caller");
    }

    [Test]
    public void ACalleeThatThrowsInAnExceptionFilterEndsItsSpanAndTheFilterDoesNotCatch()
    {
        var (thrown, _) = ThrowsBeforeAnyTask<InvalidOperationException>(
            (probe, ct) => CallSite("CheckedWriteInFilter", probe, ct), "Fixtures.Library.Ledger.CheckedWriteAsync");
        Assert.That(thrown.Message, Is.EqualTo("filtered"), "a filter that throws does not catch, as unwoven");
    }

    /// <summary>
    /// Makes <paramref name="call"/> under a caller's Activity with a callee that throws before any task, checks that
    /// the call's span ended as a fault, and returns what reached the caller with the probe.
    /// </summary>
    (TException Thrown, Probe Probe) ThrowsBeforeAnyTask<TException>(Func<Probe, CancellationToken, Task> call, string operation)
        where TException : Exception
    {
        var probe = NewProbe();
        probe.RejectsBeforeTask = true;
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var thrown = Assert.Throws<TException>(() => call(probe, callerToken.Token))!;

        AssertEndedAsAFault(caller, operation);
        return (thrown, probe);
    }

    [Test]
    public async Task ACalleeThatThrowsBeforeReturningATaskAsAnArgumentInAnAsyncMethodEndsItsSpan()
    {
        var probe = NewProbe();
        probe.RejectsBeforeTask = true;
        Activity? inCatch = null;
        probe.OnStep = step => inCatch = step == "caught" ? Activity.Current : inCatch;
        using var callerToken = new CancellationTokenSource();
        using var caller = ActivityRecorder.Tests.StartActivity("request")!;

        var task = CallSite("CheckedWriteBothAwaited", probe, callerToken.Token);
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => Limits.Within(task, "the caller"));

        Assert.That(thrown, Is.SameAs(probe.Thrown), "the exception itself reaches the caller");
        Assert.That(inCatch, Is.SameAs(caller), "the async method's own catch sees the caller's Activity.Current");
        AssertEndedAsAFault(caller, "Fixtures.Library.Ledger.CheckedWriteAsync");
    }

    /// <summary>The one span of the call is stopped with the callee's exception, and the caller's Activity is current again.</summary>
    void AssertEndedAsAFault(Activity caller, string operation)
    {
        Assert.That(Activity.Current, Is.SameAs(caller), "the caller's own Activity.Current");
        var body = Recorder.Shielded.Single();
        Assert.That(body.OperationName, Is.EqualTo(operation));
        Assert.That(body.IsStopped, Is.True);
        Assert.That(body.Status, Is.EqualTo(ActivityStatusCode.Error));
        Assert.That(body.StatusDescription, Is.EqualTo("rejected before any task"));
        Assert.That(body.Events.Select(e => e.Name), Is.EqualTo(new[] { "exception" }));
        Assert.That(Runtime.InFlight, Is.Zero);
    }
}
