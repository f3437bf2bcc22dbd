using System;

namespace Shield
{
    /// <summary>
    /// What happens when a meter or activity listener throws while the runtime tells it about a call: the failure is
    /// traced and the call's own bookkeeping goes on, so a faulty listener can neither leave a call counted in flight nor
    /// throw out of a body's state machine. Listeners run in two places, each of which catches: the recordings of
    /// <see cref="ShieldMetrics"/> and the stop of a call's span in <see cref="ShieldActivities.End"/>.
    /// </summary>
    internal static class ListenerFailures
    {
        public static void Trace(string doing, Exception exception) =>
            System.Diagnostics.Trace.TraceError($"Shield: a listener threw while {doing}: {exception}");
    }
}
