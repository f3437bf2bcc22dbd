using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// Counts shielded bodies that suspended and have not finished, and keeps what the proxy, the shutdown
    /// listing and the metrics need about each of them, keyed by the body's own task.
    /// </summary>
    /// <remarks>
    /// The key is the body's task because it is the one object that both the kickoff method (after the first
    /// suspension) and the state machine (at completion) can name without adding a field to the state machine:
    /// a field would grow every async call's allocation. Entries are structs in a dictionary, so tracking a
    /// call allocates nothing once the table has grown to the number of calls in flight.
    /// </remarks>
    internal static class InFlightRegistry
    {
        static readonly object s_lock = new object();
        static readonly Dictionary<Task, TrackedCall> s_calls = new Dictionary<Task, TrackedCall>(ReferenceComparer.Instance);
        static int s_inFlight;
        static TaskCompletionSource<bool>? s_drained;

#if NET6_0_OR_GREATER
        static readonly Action<object?> s_onCallerCanceled = body => WalkAway((Task)body!);
#else
        static readonly Action<object> s_onCallerCanceled = body => WalkAway((Task)body);
#endif

        public static int InFlight => Volatile.Read(ref s_inFlight);

        /// <summary>Counts a body at its first suspension, before its continuation can run anywhere else.</summary>
        public static void Enter() => Interlocked.Increment(ref s_inFlight);

        /// <summary>Uncounts a body once its outcome has been delivered or reported.</summary>
        public static void Exit()
        {
            if (Interlocked.Decrement(ref s_inFlight) == 0 && Volatile.Read(ref s_drained) != null)
            {
                SignalDrained();
            }
        }

        /// <summary>
        /// Records a body that is still running after its kickoff returned. Returns false when the body finished in
        /// the meantime and its completion already passed by: the caller then receives the body's own task.
        /// </summary>
        public static bool Track(Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            var call = new TrackedCall
            {
                Operation = operation,
                Promise = promise,
                Caller = caller,
                Deadline = deadline,
                StartTimestamp = ShieldedOperations.TimeProvider.GetTimestamp(),
            };

            lock (s_lock)
            {
                s_calls[body] = call;
            }

            if (promise != null)
            {
                // Registered after the entry is in (a token that fires at once finds it) and outside the lock, which
                // the body's completion, already running on another thread, may be waiting for.
                RegisterCallerTokens(body, caller);
            }

            if (!body.IsCompleted)
            {
                return true;
            }

            // The body finished before it was recorded: whoever removes the entry owns it.
            if (TryRemove(body, out var own))
            {
                Release(own);
                return false;
            }

            return true;
        }

        static void RegisterCallerTokens(Task body, ShieldCallerTokens caller)
        {
            var first = Register(caller[0], body);
            var second = Register(caller[1], body);
            CancellationTokenRegistration[]? rest = null;
            if (caller.Count > 2)
            {
                rest = new CancellationTokenRegistration[caller.Count - 2];
                for (var i = 2; i < caller.Count; i++)
                {
                    rest[i - 2] = Register(caller[i], body);
                }
            }

            lock (s_lock)
            {
                if (s_calls.TryGetValue(body, out var call))
                {
                    call.First = first;
                    call.Second = second;
                    call.Rest = rest;
                    s_calls[body] = call;
                    return;
                }
            }

            // The body ended in the meantime and its completion released the entry without these.
            Release(new TrackedCall { Caller = caller, First = first, Second = second, Rest = rest });
        }

        public static bool TryRemove(Task body, out TrackedCall call)
        {
            lock (s_lock)
            {
#if NET6_0_OR_GREATER
                return s_calls.Remove(body, out call);
#else
                if (s_calls.TryGetValue(body, out call))
                {
                    s_calls.Remove(body);
                    return true;
                }

                return false;
#endif
            }
        }

        /// <summary>Lets go of the caller's tokens and the body's deadline once the body has ended.</summary>
        public static void Release(in TrackedCall call)
        {
            Unregister(call.First, call.Caller[0]);
            Unregister(call.Second, call.Caller[1]);
            if (call.Rest != null)
            {
                for (var i = 0; i < call.Rest.Length; i++)
                {
                    Unregister(call.Rest[i], call.Caller[i + 2]);
                }
            }

            call.Deadline?.Dispose();
        }

        /// <summary>Counts the recorded calls of each operation, for the in-flight gauge.</summary>
        public static Dictionary<ShieldedOperation, int> CountByOperation()
        {
            var counts = new Dictionary<ShieldedOperation, int>();
            lock (s_lock)
            {
                foreach (var call in s_calls.Values)
                {
                    counts.TryGetValue(call.Operation, out var count);
                    counts[call.Operation] = count + 1;
                }
            }

            return counts;
        }

        public static InFlightOperation[] Snapshot()
        {
            var provider = ShieldedOperations.TimeProvider;
            var now = provider.GetUtcNow();
            var timestamp = provider.GetTimestamp();
            lock (s_lock)
            {
                var list = new InFlightOperation[s_calls.Count];
                var i = 0;
                foreach (var call in s_calls.Values)
                {
                    var elapsed = provider.GetElapsedTime(call.StartTimestamp, timestamp);
                    list[i++] = new InFlightOperation(call.Operation.Name, now - elapsed, elapsed);
                }

                return list;
            }
        }

        public static Task DrainAsync(CancellationToken cancellationToken)
        {
            if (InFlight == 0)
            {
                return Task.CompletedTask;
            }

            TaskCompletionSource<bool> drained;
            lock (s_lock)
            {
                drained = s_drained ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            // Exit may have reached zero before the signal was published.
            if (InFlight == 0)
            {
                SignalDrained();
            }

            return cancellationToken.CanBeCanceled ? WaitAsync(drained.Task, cancellationToken) : drained.Task;
        }

        static void SignalDrained()
        {
            TaskCompletionSource<bool>? drained;
            lock (s_lock)
            {
                if (Volatile.Read(ref s_inFlight) != 0)
                {
                    return;
                }

                drained = s_drained;
                s_drained = null;
            }

            drained?.TrySetResult(true);
        }

        static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), canceled))
            {
                if (await Task.WhenAny(task, canceled.Task).ConfigureAwait(false) != task)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        static CancellationTokenRegistration Register(CancellationToken token, Task body)
        {
            if (!token.CanBeCanceled)
            {
                return default;
            }

#if NET6_0_OR_GREATER
            return token.UnsafeRegister(s_onCallerCanceled, body);
#else
            return token.Register(s_onCallerCanceled, body, useSynchronizationContext: false);
#endif
        }

        static void Unregister(CancellationTokenRegistration registration, CancellationToken token)
        {
#if NET6_0_OR_GREATER
            _ = token;
            registration.Unregister();
#else
            // Dispose waits for a callback that is running; a fired token's callback may be running the
            // caller's continuation, so leave it alone (its source has dropped the registration already).
            if (!token.IsCancellationRequested)
            {
                registration.Dispose();
            }
#endif
        }

        static void WalkAway(Task body)
        {
            IShieldPromise? promise;
            CancellationToken token;
            ShieldedOperation operation;
            lock (s_lock)
            {
                if (!s_calls.TryGetValue(body, out var call) || call.Promise == null)
                {
                    return;
                }

                promise = call.Promise;
                token = call.Caller.FirstCanceled();
                operation = call.Operation;
            }

            // Outside the lock: settling the promise runs the caller's continuations.
            if (promise.TryWalkAway(token))
            {
                ShieldMetrics.WalkedAway(operation);
            }
        }

        sealed class ReferenceComparer : IEqualityComparer<Task>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(Task? x, Task? y) => ReferenceEquals(x, y);

            public int GetHashCode(Task obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
