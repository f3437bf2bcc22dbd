using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>
/// The order in which a call's end is seen: a caller that resumed from a shielded call never finds that call in
/// ShieldedOperations.InFlight or GetInFlight(), and a fault nobody waited for is reported while the call still counts,
/// so DrainAsync cannot complete ahead of the report. The caller's continuation runs inline on the thread that ends
/// the body, inside the builder's SetResult (no proxy) or the proxy's completion, which is where the count used to lag.
/// What holds where the body's end is seen through a continuation on its task (methods that are not async,
/// runtime-async bodies): a caller holding the proxy (a cancelable token) resumes after the count dropped; a caller
/// holding the body's own task (no cancelable token) may resume before the runtime's continuation has run, since the
/// .NET runtime does not always run a task's continuations inline and in order, so it is not asserted there.
/// </summary>
public class InFlightOrderTests(Flavor flavor) : FakeClockTests(flavor)
{
    [TestCase("InstanceMethod", false)]
    [TestCase("InstanceMethod", true)]
    [TestCase("NonAsyncMethod", true)]
    public async Task ACallerThatResumedNoLongerSeesItsCallInFlight(string fixture, bool cancelable)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var call = WovenFlavor.Call<Task<int>>(Woven.Create(fixture), "SaveAsync", probe, cancelable ? caller.Token : CancellationToken.None);
        var seen = ReadAfterResuming(call, $"AssemblyToProcess.{fixture}.SaveAsync");
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Assert.That(Runtime.InFlight, Is.EqualTo(1), "the suspended body counts");

        probe.Open();
        var (inFlight, listed) = await Limits.Within(seen, "the caller to resume");
        if (!cancelable && Flavor.Configuration == Flavor.RuntimeAsync)
        {
            // Seen through a continuation (see the summary): what holds is that the call drains.
            await Limits.Within(Runtime.DrainAsync(), "the drain");
            (inFlight, listed) = (Runtime.InFlight, Runtime.GetInFlight().Count);
        }

        Assert.That(inFlight, Is.Zero, "InFlight, read by the caller as soon as it resumed");
        Assert.That(listed, Is.Zero, "GetInFlight(), read by the caller as soon as it resumed");
    }

    [Test]
    public async Task AFaultTheCallerWalkedAwayFromIsReportedWhileTheCallStillCounts()
    {
        var probe = NewProbe();
        Task? drain = null;
        var inFlightAtReport = -1;
        var drainedAtReport = true;
        using var faults = Runtime.RecordUnobservedFaults((_, _) =>
        {
            inFlightAtReport = Runtime.InFlight;
            drainedAtReport = drain!.IsCompleted;
        });
        using var caller = new CancellationTokenSource();
        _ = WovenFlavor.Call<Task<int>>(Woven.Create("ThrowAfterAwait"), "SaveAsync", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        drain = Runtime.DrainAsync();

        probe.Open();
        await Limits.Within(faults.First, "the lost work to be reported");
        await Limits.Within(drain, "the drain");
        Assert.That(inFlightAtReport, Is.EqualTo(1), "the call still counted while its fault was reported");
        Assert.That(drainedAtReport, Is.False, "the drain had not completed when the fault was reported");
    }

    async Task<(int InFlight, int Listed)> ReadAfterResuming(Task<int> call, string operation)
    {
        var runtime = Runtime;
        await call.ConfigureAwait(false);
        return (runtime.InFlight, runtime.GetInFlight().Count(c => c.Operation == operation));
    }
}
