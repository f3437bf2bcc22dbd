namespace Shield
{
    /// <summary>Where the <c>Activity</c> of a shielded body sits in a trace (<see cref="ShieldedOperations.Tracing"/>).</summary>
    public enum ShieldTracing
    {
        /// <summary>A child of the caller's <c>Activity.Current</c>: the body's span shows inside the caller's trace.</summary>
        ChildOfCaller,

        /// <summary>
        /// The root of a new trace with one link to the caller's Activity, the shape OpenTelemetry recommends for
        /// long-running work a short request starts. The root sampler decides afresh, whatever the caller's sampling
        /// decision was.
        /// </summary>
        NewTraceWithLink,
    }
}
