using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// Plain cancelable calls: one caller token that can fire and nothing else to do at the end (no deadline, work
    /// group, span, duration or walked-away count). The caller's proxy is the body's own <c>Task.WaitAsync(token)</c>, so
    /// such a call costs what the hand-written <c>WaitAsync</c> costs plus the count and a record on its kickoff thread,
    /// and touches no shared table.
    /// </summary>
    /// <remarks>
    /// Only a fault needs more. Nothing tells this runtime that a waiting call's caller walked away, so the end of a body
    /// that faulted or ended canceled finds the proxy through the kickoff thread's record (<see cref="ThreadCalls"/>) and
    /// reports the fault when the proxy ended canceled by the caller's token instead of with the body's outcome. The
    /// caller can still walk away until the builder has handed the outcome to the proxy, so from the moment the call
    /// stops counting until that is known, a hold keeps <see cref="ShieldedOperations.DrainAsync"/> waiting.
    /// </remarks>
    internal static class WaitingCalls
    {
#if NET6_0_OR_GREATER
        static volatile bool s_any;

        /// <summary>Whether any call has waited this way: until then a fault's end searches nothing.</summary>
        static bool AnyWaiting => s_any;
#else
        static bool AnyWaiting => false;
#endif

        /// <summary>
        /// Whether a call with these tokens can wait on the body with <c>WaitAsync</c>, and the token to wait with.
        /// Deadlines are checked by the caller; a metric that counts walk-aways needs the registry's callback.
        /// </summary>
        public static bool CanWait(ShieldCallerTokens caller, out CancellationToken token) =>
            caller.TryGetOnlyCancelable(out token)
            && !ShieldMetrics.DurationEnabled
            && !ShieldMetrics.WalkedAwayEnabled
            && ShieldedWorkGroup.Current is null;

#if NET6_0_OR_GREATER
        /// <summary>Records a suspended body and returns what its caller receives.</summary>
        public static Task Wait(Task body, ShieldedOperation operation, CancellationToken token) =>
            Record(body, body.WaitAsync(token), operation);

        /// <inheritdoc cref="Wait(Task, ShieldedOperation, CancellationToken)"/>
        public static Task<TResult> Wait<TResult>(Task<TResult> body, ShieldedOperation operation, CancellationToken token) =>
            (Task<TResult>)Record(body, body.WaitAsync(token), operation);

        /// <summary>Records a suspended body with the proxy made for it and returns what its caller receives.</summary>
        internal static Task Record(Task body, Task proxy, ShieldedOperation operation)
        {
            if (!s_any)
            {
                s_any = true;
            }

            OperationsInFlight.Note(operation);
            var calls = ThreadCalls.Current;
            calls.Record(body, operation, proxy);

            // A full fence between the record and the completion check, paired with the one in the body's SetException:
            // either the body's end finds the record, or this thread sees the body ended. Then, unless an end claimed
            // the record first, the caller gets the body's own task, and no fault of it can go unreceived.
            Interlocked.MemoryBarrier();
            if (body.IsCompleted && calls.TryClaim(body))
            {
                ObserveUnused(proxy, body);
                return body;
            }

            return proxy;
        }

        /// <summary>A proxy nobody receives may still copy the body's fault: that copy must not reach the finalizer.</summary>
        static void ObserveUnused(Task proxy, Task body)
        {
            if (ReferenceEquals(proxy, body))
            {
                return;
            }

            if (proxy.IsCompleted)
            {
                _ = proxy.Exception;
                return;
            }

            // Its continuation on the body was queued: it ends soon, with the body's outcome or the caller's token.
            proxy.ContinueWith(static ended => _ = ended.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
#endif

        /// <summary>
        /// Called for a body without an entry that ends with <paramref name="exception"/>, before its task is set and
        /// before it stops counting: reports the fault now if the caller has already walked away. Returns what
        /// <see cref="Faulted"/> still has to do; until then the drain is held (unless the fault was reported).
        /// </summary>
        public static Fault Faulting(Task body, Exception exception)
        {
            if (!AnyWaiting)
            {
                // The process's first waiting call may record this body before its task is set, and a kickoff may still
                // make its entry and walk away: the drain waits until Faulted has looked again, after the task is set.
                InFlightRegistry.HoldDrain();
                return Fault.NotLooked;
            }

            if (!ThreadCalls.TryClaimWaiting(body, out var call))
            {
                // Not a waiting call, or its kickoff has not recorded it yet: look again once the task is set.
                InFlightRegistry.HoldDrain();
                return Fault.Unfound;
            }

            if (call.Proxy!.IsCanceled)
            {
                // The body has not ended, so only the caller's token can have canceled the proxy.
                FaultReporter.Report(call.Operation, exception);
                return Fault.Reported;
            }

            InFlightRegistry.HoldDrain();
            return new Fault(call.Proxy, call.Operation);
        }

        /// <summary>
        /// Called after the body's task was set with <paramref name="exception"/>: reports the fault if the proxy ended
        /// canceled by the caller's token rather than with it, then lets the drain go.
        /// </summary>
        public static void Faulted(Task body, Exception exception, Fault fault)
        {
            Task proxy;
            ShieldedOperation operation;
            if (ReferenceEquals(fault, Fault.Reported))
            {
                _ = body.Exception;
                return;
            }

            if (ReferenceEquals(fault, Fault.NotLooked))
            {
                // Read after the task was set (a full fence), paired with the fence in Record: a waiting call recorded
                // from now on sees the body ended, and one recorded before is found below.
                if (!AnyWaiting)
                {
                    InFlightRegistry.ReleaseDrainHold();
                    return;
                }

                fault = Fault.Unfound;
            }

            if (ReferenceEquals(fault, Fault.Unfound))
            {
                if (!ThreadCalls.TryClaimWaiting(body, out var call))
                {
                    // Not a waiting call, or its kickoff saw the body end and handed the caller the body's own task.
                    InFlightRegistry.ReleaseDrainHold();
                    return;
                }

                (proxy, operation) = (call.Proxy!, call.Operation);
            }
            else
            {
                (proxy, operation) = (fault.Proxy!, fault.Operation!);
            }

            // The caller holds the proxy, so nobody else will look at the body's task.
            _ = body.Exception;
            if (proxy.IsCompleted)
            {
                Settle(proxy, operation, exception);
                return;
            }

            // The proxy's continuation on the body was queued rather than run inline (a deep stack): settle after it.
            proxy.ContinueWith(
                static (ended, state) => ((Settling)state!).Settle(ended),
                new Settling(operation, exception),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        /// <summary>
        /// The end of a body whose state machine calls no Faulting step (woven by an earlier version), after its task
        /// was set: settles a waiting call's fault before the call stops counting.
        /// </summary>
        public static void FaultedWithoutFaulting(Task body, Exception exception)
        {
            if (AnyWaiting)
            {
                InFlightRegistry.HoldDrain();
                Faulted(body, exception, Fault.Unfound);
            }
        }

        static void Settle(Task proxy, ShieldedOperation operation, Exception exception)
        {
            if (CallerWalkedAway(proxy, exception))
            {
                FaultReporter.Report(operation, exception);
            }

            InFlightRegistry.ReleaseDrainHold();
        }

        /// <summary>Whether the proxy ended canceled by the caller's token rather than with the body's outcome.</summary>
        static bool CallerWalkedAway(Task proxy, Exception exception)
        {
            if (!proxy.IsCanceled)
            {
                return false;
            }

            if (exception is not OperationCanceledException)
            {
                return true;
            }

            // Both ended canceled. A proxy that mirrored the body rethrows the body's own exception; one the caller's
            // token canceled throws a new one.
            try
            {
                proxy.GetAwaiter().GetResult();
                return true;
            }
            catch (OperationCanceledException proxyException)
            {
                return !ReferenceEquals(proxyException, exception);
            }
        }

        /// <summary>What is left of a waiting call's fault once its body's task is set.</summary>
        internal sealed class Fault
        {
            /// <summary>The record was not found before the task was set; the drain is held.</summary>
            public static readonly Fault Unfound = new Fault(null, null);

            /// <summary>No waiting call had been made when the body's end looked; the drain is held.</summary>
            public static readonly Fault NotLooked = new Fault(null, null);

            /// <summary>The fault was reported; its exception is still to be marked observed.</summary>
            public static readonly Fault Reported = new Fault(null, null);

            public Fault(Task? proxy, ShieldedOperation? operation)
            {
                Proxy = proxy;
                Operation = operation;
            }

            public Task? Proxy { get; }

            public ShieldedOperation? Operation { get; }
        }

        sealed class Settling
        {
            readonly ShieldedOperation _operation;
            readonly Exception _exception;

            public Settling(ShieldedOperation operation, Exception exception)
            {
                _operation = operation;
                _exception = exception;
            }

            public void Settle(Task proxy) => WaitingCalls.Settle(proxy, _operation, _exception);
        }
    }
}
