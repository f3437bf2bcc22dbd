using System;

namespace Shield
{
    /// <summary>
    /// Describes shielded work that was lost after its caller stopped waiting: the body faulted or ended canceled.
    /// </summary>
    public sealed class ShieldedFaultEventArgs : EventArgs
    {
        /// <summary>Creates the event data.</summary>
        /// <param name="operation">The operation name, <c>Namespace.Type.Method</c>.</param>
        /// <param name="exception">The exception the body ended with.</param>
        public ShieldedFaultEventArgs(string operation, Exception exception)
        {
            Operation = operation ?? throw new ArgumentNullException(nameof(operation));
            Exception = exception ?? throw new ArgumentNullException(nameof(exception));
        }

        /// <summary>
        /// The operation name: <c>Namespace.Type.Method</c>, nested types joined with <c>.</c>, without generic
        /// arity or parameters; a local function is <c>Namespace.Type.Outer.Local</c>, a lambda
        /// <c>Namespace.Type.Outer.&lt;lambda&gt;</c>.
        /// </summary>
        public string Operation { get; }

        /// <summary>
        /// The body's own exception instance (never an <see cref="AggregateException"/> wrapper added by Shield).
        /// An <see cref="OperationCanceledException"/> means the body ended canceled, for example by its deadline.
        /// </summary>
        public Exception Exception { get; }
    }
}
