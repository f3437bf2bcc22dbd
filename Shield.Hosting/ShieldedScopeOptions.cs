using System;
using System.Threading;

namespace Shield.Hosting
{
    /// <summary>How long a DI scope may be kept for shielded work that outlives the request or worker step that made it.</summary>
    public sealed class ShieldedScopeOptions
    {
        /// <summary>
        /// 30 seconds: the default command timeout of the common ADO.NET providers and the generic host's default
        /// shutdown timeout. A body still running after that holds a pooled connection for work that is most likely stuck.
        /// </summary>
        public static readonly TimeSpan DefaultKeepAliveLimit = TimeSpan.FromSeconds(30);

        // The longest period a timer takes (uint.MaxValue - 1 ms, about 49.7 days).
        static readonly TimeSpan s_longestLimit = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

        TimeSpan _keepAliveLimit = DefaultKeepAliveLimit;

        /// <summary>
        /// How long the scope may be kept after its owner disposed it, waiting for its shielded calls to end. When it
        /// passes, the scope is disposed anyway and a warning lists the operations still running.
        /// <see cref="Timeout.InfiniteTimeSpan"/> keeps it until the work ends. Defaults to <see cref="DefaultKeepAliveLimit"/>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">
        /// Negative (other than <see cref="Timeout.InfiniteTimeSpan"/>) or longer than a timer takes, about 49.7 days:
        /// use <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
        /// </exception>
        public TimeSpan KeepAliveLimit
        {
            get => _keepAliveLimit;
            set => _keepAliveLimit = value == Timeout.InfiniteTimeSpan || (value >= TimeSpan.Zero && value <= s_longestLimit)
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"The keep-alive limit must be between zero and {s_longestLimit}, or Timeout.InfiniteTimeSpan for none.");
        }
    }
}
