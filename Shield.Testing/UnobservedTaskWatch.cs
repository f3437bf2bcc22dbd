using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Shield.Testing;

/// <summary>
/// Collects what <see cref="TaskScheduler.UnobservedTaskException"/> reports while it is alive. The README promises
/// that a shielded body's task is always observed; a fault nobody looked at only surfaces when its task is
/// finalized, so <see cref="Collect"/> forces a full collection first. The event is process-wide: it cannot say
/// which method or build left the task behind, only the exception can.
/// </summary>
public sealed class UnobservedTaskWatch : IDisposable
{
    readonly object _lock = new();
    readonly List<Exception> _exceptions = [];

    public UnobservedTaskWatch() => TaskScheduler.UnobservedTaskException += Record;

    /// <summary>Collects garbage, runs finalizers, and returns the exceptions reported since the last call.</summary>
    public IReadOnlyList<Exception> Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        lock (_lock)
        {
            var exceptions = _exceptions.ToArray();
            _exceptions.Clear();
            return exceptions;
        }
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= Record;

    void Record(object? sender, UnobservedTaskExceptionEventArgs args)
    {
        lock (_lock)
        {
            _exceptions.AddRange(args.Exception.InnerExceptions);
        }
    }
}
