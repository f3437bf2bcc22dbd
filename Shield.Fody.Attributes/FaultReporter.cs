using System;
using System.Diagnostics;

namespace Shield
{
    /// <summary>Raises <see cref="ShieldedOperations.UnobservedFault"/> so that lost work is never silent.</summary>
    internal static class FaultReporter
    {
        public static void Report(ShieldedOperation operation, Exception exception)
        {
            ShieldMetrics.UnobservedFault(operation);

            var handlers = ShieldedOperations.UnobservedFaultHandlers;
            if (handlers == null)
            {
                Trace.TraceError($"Shield: {operation.Name} ended with {exception.GetType().FullName} after its caller stopped waiting: {exception}");
                return;
            }

            var args = new ShieldedFaultEventArgs(operation.Name, exception);
            foreach (EventHandler<ShieldedFaultEventArgs> handler in handlers.GetInvocationList())
            {
                try
                {
                    handler(null, args);
                }
#pragma warning disable CA1031 // A handler's failure must not reach the body or the other handlers.
                catch (Exception handlerException)
#pragma warning restore CA1031
                {
                    Trace.TraceError($"Shield: a {nameof(ShieldedOperations.UnobservedFault)} handler threw while reporting {operation.Name}: {handlerException}");
                }
            }
        }
    }
}
