using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>The "Shield" meter, read with a MeterListener.</summary>
public class MetricsTests(Flavor flavor) : FakeClockTests(flavor)
{
    sealed record Measurement(string Instrument, double Value, string? Operation);

    readonly ConcurrentQueue<Measurement> _measurements = new();
    MeterListener _listener = null!;

    [SetUp]
    public void Listen()
    {
        // Every flavour loads its own runtime, each with its own "Shield" meter: listen to this flavour's only.
        _measurements.Clear(); // NUnit runs every test of a fixture on one instance.
        var meter = ThisFlavorsMeter();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Shield" && ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    object ThisFlavorsMeter() =>
        Runtime.Assembly.GetType("Shield.ShieldMetrics", throwOnError: true)!
            .GetField("s_meter", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? operation = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "shield.operation")
            {
                operation = (string?)tag.Value;
            }
        }

        _measurements.Enqueue(new Measurement(instrument.Name, value, operation));
    }

    IEnumerable<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument);

    Task SaveAsync(string fixture, Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task>(Woven.Create(fixture), "SaveAsync", probe, ct);

    [Test]
    public async Task InFlightIsObservedPerOperation()
    {
        var probe = NewProbe();
        _ = SaveAsync("InstanceMethod", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");

        _listener.RecordObservableInstruments();
        Assert.That(InFlightOf("AssemblyToProcess.InstanceMethod.SaveAsync"), Is.EqualTo(1));
        Assert.That(Of("shield.operations.in_flight").Where(m => m.Operation != "AssemblyToProcess.InstanceMethod.SaveAsync").Sum(m => m.Value), Is.Zero,
            "operations of earlier tests have no call in flight");
    }

    [Test]
    public async Task AnOperationThatDrainedIsObservedAsZero()
    {
        var probe = NewProbe();
        _ = SaveAsync("InstanceMethod", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        _listener.RecordObservableInstruments();
        Assert.That(InFlightOf("AssemblyToProcess.InstanceMethod.SaveAsync"), Is.Zero,
            "a drained operation is reported as 0, so an exporter does not keep its last value");
    }

    /// <summary>The in-flight gauge of one operation, summed over one collection; null when it was not reported at all.</summary>
    double? InFlightOf(string operation)
    {
        var reported = Of("shield.operations.in_flight").Where(m => m.Operation == operation).ToList();
        Assert.That(reported, Has.Count.LessThanOrEqualTo(1), "one collection reports an operation once");
        return reported.Count == 0 ? null : reported.Sum(m => m.Value);
    }

    [Test]
    public async Task DurationIsRecordedForBodiesThatSuspended()
    {
        var probe = NewProbe();
        var task = SaveAsync("InstanceMethod", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        Clock.Advance(TimeSpan.FromSeconds(2));
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        Assert.That(Of("shield.operation.duration"), Is.EqualTo(new[]
        {
            new Measurement("shield.operation.duration", 2.0, "AssemblyToProcess.InstanceMethod.SaveAsync"),
        }));
    }

    [Test]
    public async Task WalkingAwayAndLosingWorkAreCounted()
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        _ = SaveAsync("ThrowAfterAwait", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the body to end");

        const string Operation = "AssemblyToProcess.ThrowAfterAwait.SaveAsync";
        Assert.That(Of("shield.operations.walked_away"), Is.EqualTo(new[] { new Measurement("shield.operations.walked_away", 1, Operation) }));
        Assert.That(Of("shield.operations.unobserved_faults"), Is.EqualTo(new[] { new Measurement("shield.operations.unobserved_faults", 1, Operation) }));
    }

    [Test]
    public async Task AListenerThatThrowsNeitherFailsTheCallNorLeavesItInFlight()
    {
        // A second listener whose callback throws at every measurement: each instrument's, so the walk-away's and the
        // lost fault's too.
        var meter = ThisFlavorsMeter();
        using var faulty = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        faulty.SetMeasurementEventCallback<double>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        faulty.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("listener bug"));
        faulty.Start();

        var probe = NewProbe();
        var completes = SaveAsync("InstanceMethod", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the body to reach its gate");
        probe.Open();
        await Limits.Within(completes, "the call whose duration the listener fails to take");

        var lost = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var walkedAway = SaveAsync("ThrowAfterAwait", lost, caller.Token);
        await Limits.Within(lost.AtGate, "the second body to reach its gate");
        caller.Cancel();
        Assert.That(walkedAway.IsCanceled, Is.True, "the caller is released though the listener failed to count it");
        lost.Open();

        await Limits.Within(faults.First, "the lost fault's report, which the listener fails to count");
        await Limits.Within(Runtime.DrainAsync(), "both calls to end");
        Assert.That(Runtime.InFlight, Is.Zero);
    }
}
