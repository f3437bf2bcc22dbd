using System;
using System.Threading;

namespace Tests.Infrastructure;

/// <summary>Wraps a clock and counts the timers created through it that are not disposed yet.</summary>
public sealed class CountingTimeProvider(TimeProvider inner) : TimeProvider
{
    int _live;

    public int LiveTimers => Volatile.Read(ref _live);

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _live);
        return new CountedTimer(inner.CreateTimer(callback, state, dueTime, period), this);
    }

    sealed class CountedTimer(ITimer timer, CountingTimeProvider owner) : ITimer
    {
        int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref owner._live);
            }

            timer.Dispose();
        }

        public System.Threading.Tasks.ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
