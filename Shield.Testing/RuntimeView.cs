using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Shield.Testing;

/// <summary>
/// A build's own copy of <c>Shield.ShieldedOperations</c>, reached through reflection: woven code of each build runs
/// against the runtime of its own load context, which the caller's code cannot name.
/// </summary>
public sealed class RuntimeView(Assembly runtime)
{
    readonly Type _operations = runtime.GetType("Shield.ShieldedOperations", throwOnError: true)!;

    public Assembly Assembly => runtime;

    public int InFlight => (int)_operations.GetProperty("InFlight")!.GetValue(null)!;

    public Task DrainAsync(CancellationToken cancellationToken = default) =>
        (Task)_operations.GetMethod("DrainAsync")!.Invoke(null, [cancellationToken])!;

    public TimeProvider TimeProvider
    {
        get => (TimeProvider)_operations.GetProperty("TimeProvider")!.GetValue(null)!;
        set => _operations.GetProperty("TimeProvider")!.SetValue(null, value);
    }

    /// <summary>The calls in flight, as (operation, elapsed) pairs.</summary>
    public IReadOnlyList<(string Operation, DateTimeOffset StartedAt, TimeSpan Elapsed)> GetInFlight()
    {
        var list = new List<(string, DateTimeOffset, TimeSpan)>();
        foreach (var item in (System.Collections.IEnumerable)_operations.GetMethod("GetInFlight")!.Invoke(null, null)!)
        {
            var type = item.GetType();
            list.Add(((string)type.GetProperty("Operation")!.GetValue(item)!,
                (DateTimeOffset)type.GetProperty("StartedAt")!.GetValue(item)!,
                (TimeSpan)type.GetProperty("Elapsed")!.GetValue(item)!));
        }

        return list;
    }

    /// <summary>Subscribes to UnobservedFault until the returned value is disposed.</summary>
    public FaultRecorder RecordUnobservedFaults(Action<object?, EventArgs>? extraHandler = null)
    {
        var recorder = new FaultRecorder(extraHandler);
        var unobservedFault = _operations.GetEvent("UnobservedFault")!;
        // Bound through contravariance: Handle takes EventArgs, the build's event passes its own ShieldedFaultEventArgs.
        var handler = Delegate.CreateDelegate(unobservedFault.EventHandlerType!, recorder, typeof(FaultRecorder).GetMethod(nameof(FaultRecorder.Handle))!);
        unobservedFault.AddEventHandler(null, handler);
        recorder.Unsubscribe = () => unobservedFault.RemoveEventHandler(null, handler);
        return recorder;
    }
}
