using System;

namespace Shield
{
    /// <summary>
    /// When a call recorded on its kickoff thread first suspended, read only by the shutdown listing. With the system
    /// clock it is the coarse millisecond tick, a quarter of the cost of a precise reading on the path of every
    /// suspended call; the listing reports milliseconds. A replaced <see cref="ShieldedOperations.TimeProvider"/> (a
    /// test's fake clock) is read as it is.
    /// </summary>
    internal static class ListingClock
    {
        public static ListingStart Now()
        {
            var provider = ShieldedOperations.TimeProvider;
#if NET6_0_OR_GREATER
            if (ReferenceEquals(provider, TimeProvider.System))
            {
                return new ListingStart(Environment.TickCount64, coarse: true);
            }
#endif
            return new ListingStart(provider.GetTimestamp(), coarse: false);
        }

        /// <summary>The start as a timestamp of the current <see cref="ShieldedOperations.TimeProvider"/>.</summary>
        public static long ToTimestamp(ListingStart start)
        {
            if (!start.Coarse)
            {
                return start.Value;
            }

#if NET6_0_OR_GREATER
            var provider = ShieldedOperations.TimeProvider;
            var elapsedMilliseconds = Environment.TickCount64 - start.Value;
            return provider.GetTimestamp() - (elapsedMilliseconds * provider.TimestampFrequency / 1000);
#else
            throw new InvalidOperationException("Coarse start times are only taken where Environment.TickCount64 exists.");
#endif
        }
    }

    /// <summary>A start time: a <see cref="TimeProvider"/> timestamp, or a coarse tick in milliseconds.</summary>
    internal readonly struct ListingStart
    {
        public ListingStart(long value, bool coarse)
        {
            Value = value;
            Coarse = coarse;
        }

        public long Value { get; }

        public bool Coarse { get; }
    }
}
