using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Tests.Infrastructure;

/// <summary>A flavour's own copy of <c>Shield.ShieldedOperations</c>, reached through reflection.</summary>
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
        // Bound through contravariance: Handle takes EventArgs, the flavour's event passes its own ShieldedFaultEventArgs.
        var handler = Delegate.CreateDelegate(unobservedFault.EventHandlerType!, recorder, typeof(FaultRecorder).GetMethod(nameof(FaultRecorder.Handle))!);
        unobservedFault.AddEventHandler(null, handler);
        recorder.Unsubscribe = () => unobservedFault.RemoveEventHandler(null, handler);
        return recorder;
    }
}

/// <summary>Collects UnobservedFault events as (operation, exception) pairs.</summary>
public sealed class FaultRecorder(Action<object?, EventArgs>? extraHandler) : IDisposable
{
    readonly object _lock = new();
    readonly List<(string Operation, Exception Exception)> _faults = [];
    readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal Action Unsubscribe { get; set; } = () => { };

    public IReadOnlyList<(string Operation, Exception Exception)> Faults
    {
        get
        {
            lock (_lock)
            {
                return [.. _faults];
            }
        }
    }

    /// <summary>Completes when the first fault is reported.</summary>
    public Task First => _first.Task;

    public void Handle(object? sender, EventArgs args)
    {
        var type = args.GetType();
        var fault = ((string)type.GetProperty("Operation")!.GetValue(args)!, (Exception)type.GetProperty("Exception")!.GetValue(args)!);
        lock (_lock)
        {
            _faults.Add(fault);
        }

        _first.TrySetResult();
        extraHandler?.Invoke(sender, args);
    }

    public void Dispose() => Unsubscribe();
}
