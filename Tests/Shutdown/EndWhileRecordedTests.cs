using System;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>
/// A body that suspended can resume on another thread and reach its end before its kickoff has recorded the call.
/// The kickoff reads the runtime's clock right before it records the call, so a clock that lets the body run to its end
/// at that moment puts the end exactly in that window. Whichever side then takes the record (the kickoff, which finds
/// the body completed, or the body's end, which looks again after setting its task), the caller gets the body's
/// outcome and nothing stays counted, listed or held.
/// </summary>
public class EndWhileRecordedTests(Flavor flavor) : FlavorTests(flavor)
{
    TimeProvider? _original;

    [SetUp]
    public void KeepClock() => _original = Runtime.TimeProvider;

    [TearDown]
    public void RestoreClock() => Runtime.TimeProvider = _original!;

    [TestCase(false)]
    [TestCase(true)]
    public async Task TheCallerGetsTheBodysResultAndNothingStaysInFlight(bool cancelable)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var clock = new EndingClock(_original!, () =>
        {
            probe.Open();
            WaitUntilEnded(probe);
        });
        Runtime.TimeProvider = clock;

        var call = WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, cancelable ? caller.Token : CancellationToken.None);

        Assert.That(clock.Fired, Is.True, "the body ended while its kickoff was recording it");
        Assert.That(await Limits.Within(call, "the caller"), Is.EqualTo(42));
        await AssertNothingLeft();
    }

    [Test]
    public async Task ACallerThatWalksAwayInThatWindowLeavesNoHoldOnTheDrain()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var clock = new EndingClock(_original!, () =>
        {
            probe.Open();
            WaitUntilEnded(probe);
            caller.Cancel();
        });
        Runtime.TimeProvider = clock;

        var call = WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, caller.Token);

        Assert.That(clock.Fired, Is.True, "the body ended while its kickoff was recording it");
        try
        {
            // Either answer is the caller's: the body's result (taken before the walk-away could count) or canceled.
            Assert.That(await Limits.Within(call, "the caller"), Is.EqualTo(42));
        }
        catch (OperationCanceledException)
        {
            Assert.That(call.IsCanceled, Is.True);
        }

        await AssertNothingLeft();
    }

    /// <summary>
    /// Waits for the body's Ending step (its count dropped). A runtime-async body is ended by a continuation the kickoff
    /// registers after recording the call, so there the body's last step is as far as it gets.
    /// </summary>
    void WaitUntilEnded(Fixtures.Probe probe)
    {
        var saved = probe.WhenStep("saved");
        bool Ended() => Flavor.Configuration == Flavor.RuntimeAsync ? saved.IsCompleted : Runtime.InFlight == 0;
        if (!SpinWait.SpinUntil(Ended, Limits.Generous))
        {
            Assert.Fail("the body did not reach its end");
        }
    }

    async Task AssertNothingLeft()
    {
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
        Assert.That(Runtime.GetInFlight(), Is.Empty);
    }

    /// <summary>Runs <paramref name="atFirstReading"/> the first time the runtime reads the clock.</summary>
    sealed class EndingClock(TimeProvider inner, Action atFirstReading) : TimeProvider
    {
        int _fired;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public override long TimestampFrequency => inner.TimestampFrequency;

        public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

        public override long GetTimestamp()
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0)
            {
                atFirstReading();
            }

            return inner.GetTimestamp();
        }
    }
}
