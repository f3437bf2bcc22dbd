using System;

namespace Shield
{
    /// <summary>One shielded call that is still running, as listed by <see cref="ShieldedOperations.GetInFlight"/>.</summary>
    public readonly struct InFlightOperation
    {
        internal InFlightOperation(string operation, DateTimeOffset startedAt, TimeSpan elapsed)
        {
            Operation = operation;
            StartedAt = startedAt;
            Elapsed = elapsed;
        }

        /// <summary>The operation name, <c>Namespace.Type.Method</c>.</summary>
        public string Operation { get; }

        /// <summary>When the call first suspended, by <see cref="ShieldedOperations.TimeProvider"/>.</summary>
        public DateTimeOffset StartedAt { get; }

        /// <summary>How long the call has been running since it first suspended.</summary>
        public TimeSpan Elapsed { get; }

        /// <inheritdoc />
        public override string ToString() => $"{Operation} (running for {Elapsed.TotalMilliseconds:0} ms)";
    }
}
