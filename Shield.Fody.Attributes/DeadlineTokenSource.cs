using System;
using System.Threading;

namespace Shield
{
    /// <summary>
    /// A token source that cancels itself when its deadline passes by <see cref="ShieldedOperations.TimeProvider"/>,
    /// and releases its timer when disposed, whether the deadline passed or not.
    /// </summary>
    /// <remarks>
    /// CancellationTokenSource's own timer support cannot be used on netstandard2.0 (no TimeProvider overload), and
    /// the Microsoft.Bcl.TimeProvider helper keeps its timer alive until it fires; a body that ends early must not
    /// leave a timer behind.
    /// </remarks>
    internal sealed class DeadlineTokenSource : CancellationTokenSource
    {
        readonly ITimer _timer;

        public DeadlineTokenSource(TimeProvider timeProvider, TimeSpan delay) =>
            _timer = timeProvider.CreateTimer(static state => ((DeadlineTokenSource)state!).Expire(), this, delay, Timeout.InfiniteTimeSpan);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _timer.Dispose();
            }

            base.Dispose(disposing);
        }

        void Expire()
        {
            try
            {
                Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The body ended while its deadline was passing.
            }
        }
    }
}
