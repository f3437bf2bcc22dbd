using System;
using System.Threading;
using System.Threading.Tasks;

namespace Tests.Infrastructure;

/// <summary>Runs two actions on two threads released at the same moment, to make them race.</summary>
public static class Race
{
    public static Task Together(Action first, Action second)
    {
        var start = new Barrier(2);
        var other = Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            first();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        start.SignalAndWait();
        second();
        return other.ContinueWith(t =>
        {
            start.Dispose();
            t.GetAwaiter().GetResult();
        }, TaskScheduler.Default);
    }
}
