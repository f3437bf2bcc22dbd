using System;
using System.Runtime.CompilerServices;
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
        /// <summary>
        /// The Ending step of a body that ran to completion, in assemblies woven with <c>Finishing</c>/<c>Finished</c>:
        /// returns whether it pushed a frame (the call's entry) for <see cref="Finished"/>. A call without an entry leaves
        /// only its body in this thread's finishing slot, for the listing, and needs no lookup after its result is set.
        /// </summary>
        public static bool Finishing(Task body)
        {
            var calls = ThreadCalls.Current;
            var handedOver = InFlightRegistry.MayHaveEntries && EndingRecorded(calls, body, null);
            if (!handedOver)
            {
                calls.MarkFinishing(body);
            }

            InFlightRegistry.Exit(calls);
            return handedOver;
        }

        /// <summary>The Ended step after <see cref="Finishing"/>, told whether that step pushed a frame.</summary>
        public static void Finished(Task body, bool handedOver)
        {
            if (handedOver)
            {
                Ended(body, null);
                return;
            }

            // The kickoff may have made the entry after the Finishing step looked (see Ended).
            if (InFlightRegistry.MayHaveEntries)
            {
                EndedLate(body, null);
            }
        }

        public static void Ending(Task body, Exception? exception)
        {
            // Kept on this thread for the Ended step that follows in the same run of MoveNext, which then needs no
            // lookup; the listing reads it to leave this body out from now on.
            var calls = ThreadCalls.Current;
            if (!InFlightRegistry.MayHaveEntries || !EndingRecorded(calls, body, exception))
            {
                calls.PushEnding(body, exception is null ? null : WaitingCalls.Faulting(body, exception));
            }

            InFlightRegistry.Exit(calls);
        }

        /// <summary>
        /// Ends a call that has an entry, if this one has: apart, so the common path keeps no entry on its stack.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        static bool EndingRecorded(ThreadCalls calls, Task body, Exception? exception)
        {
            if (!InFlightRegistry.TryTake(body, out var call))
            {
                return false;
            }

            Finish(in call, exception);
            calls.PushEnding(body, in call);
            return true;
        }

        public static void Ended(Task body, Exception? exception)
        {
            var calls = ThreadCalls.Current;
            if (!calls.PopEnding(body, out var recorded, out var fault))
            {
                // No Ending step ran: a continuation-tracked body, or an assembly woven before that step existed.
                EndedWithoutEnding(body, exception);
                return;
            }

            if (recorded)
            {
                calls.TakePoppedCall(out var kept);
                Deliver(in kept, body, exception);
                return;
            }

            if (InFlightRegistry.MayHaveEntries)
            {
                EndedLate(body, exception);
            }

            // Whatever the body turns out to be, a fault's Ending step left something to settle, a drain hold at least:
            // settled last, so the drain also waits for a late entry's report above.
            if (fault != null)
            {
                WaitingCalls.Faulted(body, exception!, fault);
            }
        }

        /// <summary>Ends a call its kickoff recorded after the Ending step looked: the kickoff returned the proxy.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        static void EndedLate(Task body, Exception? exception)
        {
            if (InFlightRegistry.TryTake(body, out var late))
            {
                Finish(in late, exception);
                Deliver(in late, body, exception);
            }
        }

        /// <summary>
        /// Ends a call that ends from a continuation on the task it was handed, its entry (if any) kept under
        /// <paramref name="key"/>. It never looks at the thread's frames or at entries kept under the body: those belong
        /// to the body's own state machine, if it is a shielded one, which may be ending on this thread right now.
        /// </summary>
        public static void EndedFromContinuation(object key, Task body, Exception? exception)
        {
            if (!InFlightRegistry.MayHaveEntries || !EndedWithEntry(key, body, exception))
            {
                InFlightRegistry.Exit();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void EndedWithoutEnding(Task body, Exception? exception)
        {
            if (EndedWithEntry(body, body, exception))
            {
                return;
            }

            if (exception != null)
            {
                WaitingCalls.FaultedWithoutFaulting(body, exception);
            }

            InFlightRegistry.Exit();
        }

        /// <summary>
        /// Both steps at once for a call whose end has no frame, if it has an entry under <paramref name="key"/>: returns
        /// false, having done nothing, when it has none.
        /// </summary>
        static bool EndedWithEntry(object key, Task body, Exception? exception)
        {
            if (!InFlightRegistry.TryTake(key, out var call))
            {
                return false;
            }

            Finish(in call, exception);
            InFlightRegistry.Exit();
            Deliver(in call, body, exception);
            return true;
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
