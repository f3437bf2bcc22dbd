using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Tests.Infrastructure;

/// <summary>
/// Records what <see cref="TaskScheduler.UnobservedTaskException"/> reports while it is alive. The event comes
/// from the finalizer of a faulted task nobody looked at, so counting forces a full collection first.
/// </summary>
public sealed class UnobservedTaskExceptionWatch : IDisposable
{
    readonly ConcurrentBag<Exception> _reported = [];

    public UnobservedTaskExceptionWatch() => TaskScheduler.UnobservedTaskException += OnUnobserved;

    /// <summary>Collects garbage, runs finalizers, and counts the reports of <paramref name="exception"/>.</summary>
    public int CollectAndCount(Exception exception)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var count = 0;
        foreach (var reported in _reported)
        {
            if (ReferenceEquals(reported, exception))
            {
                count++;
            }
        }

        return count;
    }

    public void Dispose() => TaskScheduler.UnobservedTaskException -= OnUnobserved;

    void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs args)
    {
        foreach (var inner in args.Exception.InnerExceptions)
        {
            _reported.Add(inner);
        }
    }
}
