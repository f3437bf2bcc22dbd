using System;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// Ends a suspended shielded call in two steps. <see cref="Ending"/> runs before the body's task is set: the call
    /// stops counting in <see cref="ShieldedOperations.InFlight"/> and can no longer be walked away from, and a fault
    /// nobody will receive is reported first, so <see cref="ShieldedOperations.DrainAsync"/> never completes ahead of
    /// that report. <see cref="Ended"/> runs after it is set: the caller's proxy gets the outcome. So a caller that
    /// resumes from either task never sees its own call still in flight.
    /// </summary>
    internal static class CallEnd
    {
        // The call that this thread's Ending took out of the registry for the Ended step that follows it on the same
        // thread (the same run of MoveNext), which then needs no lock. An Ending nested inside another's SetResult (a
        // caller resuming inline, ending its own shielded body) finds the slot taken and marks its call in the registry.
        [ThreadStatic]
        static Task? t_keptBody;

        [ThreadStatic]
        static TrackedCall t_keptCall;

        public static void Ending(Task body, Exception? exception)
        {
            var keep = t_keptBody is null;
            if (InFlightRegistry.TakeEnding(body, keep, out var call))
            {
                Finish(in call, exception);
                if (keep)
                {
                    t_keptBody = body;
                    t_keptCall = call;
                }
            }

            InFlightRegistry.Exit();
        }

        public static void Ended(Task body, Exception? exception)
        {
            if (ReferenceEquals(t_keptBody, body))
            {
                var kept = t_keptCall;
                t_keptBody = null;
                t_keptCall = default;
                Deliver(in kept, body, exception);
                return;
            }

            if (!InFlightRegistry.TryRemove(body, out var call))
            {
                // No Ending step left a mark: a weave without it (older builds, continuation-tracked bodies) whose
                // kickoff already let go of the body.
                InFlightRegistry.Exit();
                return;
            }

            if (!call.IsEnding)
            {
                Finish(in call, exception);
                InFlightRegistry.Exit();
            }

            if (!call.IsTombstone)
            {
                Deliver(in call, body, exception);
            }
        }

        /// <summary>
        /// All that a call's end owes except the caller's outcome, done before the call stops counting, so that a
        /// drained registry has reported its lost work, recorded its durations and let go of its timers and tokens.
        /// </summary>
        static void Finish(in TrackedCall call, Exception? exception)
        {
            if (exception != null && call.WalkedAway)
            {
                FaultReporter.Report(call.Operation!, exception);
            }

            if (ShieldMetrics.DurationEnabled)
            {
                var seconds = ShieldedOperations.TimeProvider.GetElapsedTime(call.StartTimestamp).TotalSeconds;
                ShieldMetrics.Duration(call.Operation!, seconds);
            }

            ShieldActivities.End(call.Span, exception, call.Deadline);
            InFlightRegistry.Release(in call);
        }

        /// <summary>Hands the body's outcome to the caller's proxy, unless the caller walked away.</summary>
        static void Deliver(in TrackedCall call, Task body, Exception? exception)
        {
            var promise = call.Promise;
            if (promise is null)
            {
                // The caller holds the body's own task and observes it.
                return;
            }

            if (exception != null)
            {
                // The caller holds the proxy, so nobody else will look at the body's task.
                _ = body.Exception;
            }

            if (call.WalkedAway)
            {
                return;
            }

            if (exception is null)
            {
                promise.TryComplete(body);
            }
            else
            {
                promise.TryFault(body, exception);
            }
        }
    }
}
