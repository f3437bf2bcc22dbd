using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
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
    /// suspension) and the state machine (at its end) can name without adding a field to the state machine: a field
    /// would grow every async call's allocation. Entries are structs in dictionaries, so tracking a call allocates
    /// nothing once the tables have grown to the number of calls in flight. The tables are sharded by the body's
    /// identity hash, several shards per core, so calls on different cores take different locks; the count is one
    /// interlocked integer, the only state every call touches.
    /// </remarks>
    internal static class InFlightRegistry
    {
        static readonly RegistryShard[] s_shards = CreateShards();
        static readonly object s_drainLock = new object();
        static int s_inFlight;
        static TaskCompletionSource<bool>? s_drained;

        static readonly Action<object?> s_onCallerCanceled = body => WalkAway((Task)body!);

        public static int InFlight => Volatile.Read(ref s_inFlight);

        /// <summary>Counts a body at its first suspension, before its continuation can run anywhere else.</summary>
        public static void Enter() => Interlocked.Increment(ref s_inFlight);

        /// <summary>Uncounts a body once it is handing over its outcome (and, if lost, has reported it).</summary>
        public static void Exit()
        {
            if (Interlocked.Decrement(ref s_inFlight) == 0 && Volatile.Read(ref s_drained) != null)
            {
                SignalDrained();
            }
        }

        /// <summary>
        /// Records a body that is still running after its kickoff returned. Returns false when the body reached its end
        /// in the meantime: the caller then receives the body's own task.
        /// </summary>
        public static bool Track(Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span)
        {
            OperationsInFlight.Note(operation);
            var call = new TrackedCall
            {
                Operation = operation,
                Promise = promise,
                Caller = caller,
                Deadline = deadline,
                StartTimestamp = ShieldedOperations.TimeProvider.GetTimestamp(),
                Span = span,
            };

            if (promise != null)
            {
                // Before the entry exists a firing token finds nothing; the check after the insert catches that case.
                CallerTokenRegistrations.Register(ref call, body, s_onCallerCanceled);
            }

            var shard = ShardOf(body);
            bool ending;
            lock (shard)
            {
#if NET6_0_OR_GREATER
                ending = !shard.Calls.TryAdd(body, call);
#else
                ending = shard.Calls.ContainsKey(body);
                if (!ending)
                {
                    shard.Calls[body] = call;
                }
#endif
            }

            if (ending)
            {
                // The body's end left a tombstone: it is handing over its outcome and its own task is the answer.
                Release(in call);
                return false;
            }

            if (promise != null && caller.FirstCanceled().IsCancellationRequested)
            {
                WalkAway(body);
            }

            if (!body.IsCompleted)
            {
                return true;
            }

            // The body ended before it was recorded. An entry its Ending step already marked is left to its end, which
            // has stopped counting it and delivers to the promise; otherwise whoever removes the entry owns it.
            if (TryRemoveUnlessEnding(body, out var own))
            {
                Release(in own);
                return false;
            }

            return true;
        }

        static bool TryRemoveUnlessEnding(Task body, out TrackedCall call)
        {
            var shard = ShardOf(body);
            lock (shard)
            {
                if (shard.Calls.TryGetValue(body, out call) && !call.IsEnding)
                {
                    shard.Calls.Remove(body);
                    return true;
                }

                return false;
            }
        }

        /// <summary>
        /// Ends the record of a body that is about to hand over its outcome, so that its caller can no longer walk away
        /// and the listing no longer shows it: takes the call out (<paramref name="remove"/>) or marks it in place.
        /// Leaves a tombstone when the kickoff has not recorded it yet. Returns the call as it was when it is recorded.
        /// </summary>
        public static bool TakeEnding(Task body, bool remove, out TrackedCall call)
        {
            var shard = ShardOf(body);
            lock (shard)
            {
                if (!RemoveFrom(shard, body, out call))
                {
                    shard.Calls[body] = TrackedCall.Tombstone;
                    return false;
                }

                if (!remove)
                {
                    var ending = call;
                    ending.State |= CallState.Ending;
                    shard.Calls[body] = ending;
                }

                return true;
            }
        }

        public static bool TryRemove(Task body, out TrackedCall call)
        {
            var shard = ShardOf(body);
            lock (shard)
            {
                return RemoveFrom(shard, body, out call);
            }
        }

        /// <summary>Removes a body's entry with one lookup where the framework allows it; the caller holds the shard's lock.</summary>
        static bool RemoveFrom(RegistryShard shard, Task body, out TrackedCall call)
        {
#if NET6_0_OR_GREATER
            return shard.Calls.Remove(body, out call);
#else
            return shard.Calls.TryGetValue(body, out call) && shard.Calls.Remove(body);
#endif
        }

        /// <summary>Lets go of the caller's tokens and the body's deadline once the body has ended.</summary>
        public static void Release(in TrackedCall call)
        {
            CallerTokenRegistrations.Unregister(in call);
            call.Deadline?.Dispose();
        }

        /// <summary>Visits every call in flight, one shard at a time under that shard's lock, for the gauge and the listing.</summary>
        public static void ForEachRunning<TState>(ref TState state, RunningCallVisitor<TState> visit)
        {
            foreach (var shard in s_shards)
            {
                lock (shard)
                {
                    foreach (var call in shard.Calls.Values)
                    {
                        if (call.IsInFlight)
                        {
                            visit(ref state, in call);
                        }
                    }
                }
            }
        }

        public static Task DrainAsync(CancellationToken cancellationToken)
        {
            if (InFlight == 0)
            {
                return Task.CompletedTask;
            }

            TaskCompletionSource<bool> drained;
            lock (s_drainLock)
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
            lock (s_drainLock)
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

        static void WalkAway(Task body)
        {
            var shard = ShardOf(body);
            TrackedCall call;
            lock (shard)
            {
                if (!shard.Calls.TryGetValue(body, out call) || !call.CanWalkAway)
                {
                    return;
                }

                var walkedAway = call;
                walkedAway.State = CallState.WalkedAway;
                shard.Calls[body] = walkedAway;

                // Under the lock, so the body's end cannot stop its Activity between the state change and the event.
                ShieldActivities.WalkedAway(call.Span, call.Operation!);
            }

            // Outside the lock: settling the promise runs the caller's continuations. The state decided above means
            // nothing else settles it now.
            if (call.Promise!.TryWalkAway(call.Caller.FirstCanceled()))
            {
                ShieldMetrics.WalkedAway(call.Operation!);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        static RegistryShard ShardOf(Task body) => s_shards[RuntimeHelpers.GetHashCode(body) & (s_shards.Length - 1)];

        static RegistryShard[] CreateShards()
        {
            // A power of two, four per core: the shard is picked by masking the hash.
            var count = 1;
            while (count < Environment.ProcessorCount * 4 && count < 1024)
            {
                count <<= 1;
            }

            var shards = new RegistryShard[count];
            for (var i = 0; i < shards.Length; i++)
            {
                shards[i] = new RegistryShard();
            }

            return shards;
        }
    }

    /// <summary>Visits one running call under its shard's lock.</summary>
    internal delegate void RunningCallVisitor<TState>(ref TState state, in TrackedCall call);
}
