using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
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
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Shield")
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
        Assert.That(Of("shield.operations.in_flight"), Is.EqualTo(new[]
        {
            new Measurement("shield.operations.in_flight", 1, "AssemblyToProcess.InstanceMethod.SaveAsync"),
        }));
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
}
