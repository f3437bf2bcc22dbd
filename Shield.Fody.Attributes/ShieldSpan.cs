using System.ComponentModel;
using System.Diagnostics;
using System.Threading;

namespace Shield
{
    /// <summary>
    /// The Activity of one traced shielded call and the caller's <c>Activity.Current</c> at the call. Woven code keeps
    /// it from <c>ShieldRuntime.StartSpan</c> to the hand-over; it exists only while the "Shield" source is sampled.
    /// Not meant to be used by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ShieldSpan
    {
        int _ended;

        internal ShieldSpan(Activity body, Activity? caller)
        {
            Body = body;
            Caller = caller;
        }

        /// <summary>The body's Activity, started before the body ran.</summary>
        internal Activity Body { get; }

        /// <summary>The caller's Activity.Current at the call, restored when the call returns.</summary>
        internal Activity? Caller { get; }

        /// <summary>True for the one caller that gets to stop the body's Activity.</summary>
        internal bool TryEnd() => Interlocked.Exchange(ref _ended, 1) == 0;
    }
}
