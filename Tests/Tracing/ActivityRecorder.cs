using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Shield.Testing;

namespace Tests.Tracing;

/// <summary>
/// Listens to one runtime's "Shield" source (every flavour loads its own runtime, so its own source of that name) and
/// to the tests' own source, samples everything, and keeps every Activity it saw start.
/// </summary>
public sealed class ActivityRecorder : IDisposable
{
    /// <summary>The source tests start callers' Activities and the body's inner spans from.</summary>
    public static readonly ActivitySource Tests = new("Tests.Tracing");

    readonly ActivityListener _listener;
    readonly ConcurrentQueue<Activity> _started = new();

    public ActivityRecorder(RuntimeView runtime, bool listenToShield = true)
    {
        var shield = ShieldSource(runtime);

        // Read here, not first inside ShouldListenTo: a source created while the listener is being added misses it.
        var tests = Tests;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, tests) || (listenToShield && ReferenceEquals(source, shield)),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = _started.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The Activities of shielded calls, in the order they started.</summary>
    public IReadOnlyList<Activity> Shielded => [.. _started.Where(a => a.Source.Name == "Shield")];

    public static ActivitySource ShieldSource(RuntimeView runtime) =>
        (ActivitySource)runtime.Assembly.GetType("Shield.ShieldActivities", throwOnError: true)!.GetField("Source")!.GetValue(null)!;

    public void Dispose() => _listener.Dispose();
}
