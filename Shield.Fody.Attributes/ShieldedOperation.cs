using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace Shield
{
    /// <summary>
    /// Describes one shielded method. Woven code creates one instance per method, once, in a generated holder type;
    /// it is not meant to be created by hand.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class ShieldedOperation
    {
        /// <summary>Creates the description of a shielded method.</summary>
        /// <param name="name">The operation name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="timeoutMilliseconds">The body's deadline in milliseconds, or zero for none.</param>
        public ShieldedOperation(string name, int timeoutMilliseconds)
        {
            if (timeoutMilliseconds < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(timeoutMilliseconds), timeoutMilliseconds, "A deadline cannot be negative.");
            }

            Name = name ?? throw new ArgumentNullException(nameof(name));
            TimeoutMilliseconds = timeoutMilliseconds;
            MetricTag = new KeyValuePair<string, object?>("shield.operation", name);
        }

        /// <summary>The operation name, <c>Namespace.Type.Method</c>.</summary>
        public string Name { get; }

        /// <summary>The body's deadline in milliseconds, or zero for none.</summary>
        public int TimeoutMilliseconds { get; }

        internal KeyValuePair<string, object?> MetricTag { get; }

        /// <summary>Set once a call of this operation was recorded, so the in-flight gauge reports it from then on.</summary>
        internal bool HasBeenTracked { get; set; }

        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
