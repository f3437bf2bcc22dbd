using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shield.Testing;

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

    /// <summary>The faults reported since the last call, for a caller that checks one call after another.</summary>
    public IReadOnlyList<(string Operation, Exception Exception)> Take()
    {
        lock (_lock)
        {
            var faults = _faults.ToArray();
            _faults.Clear();
            return faults;
        }
    }

    public void Dispose() => Unsubscribe();
}
