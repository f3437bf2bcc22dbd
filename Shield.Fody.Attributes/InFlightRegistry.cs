using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// Counts shielded bodies that suspended and have not finished, and keeps what the proxy, the shutdown
    /// listing and the metrics need about each of them, each under its call's key.
    /// </summary>
    /// <remarks>
    /// A state machine's call is kept under the body's task because it is the one object that both the kickoff method
    /// (after the first suspension) and the state machine (at its end) can name without adding a field to the state
    /// machine: a field would grow every async call's allocation. A call that ends from a continuation on the task it
    /// was handed is kept under that continuation, which it allocates anyway: the same task may be handed to several
    /// such calls, or be a shielded state machine's own. Entries are structs in dictionaries, so tracking a call
    /// allocates nothing once the tables have grown to the number of calls in flight. The tables are sharded by the
    /// key's identity hash, several shards per core, so calls on different cores take different locks. The count is kept per
    /// thread (<see cref="ThreadCalls"/>), so the path every call takes writes nothing another core writes.
    /// </remarks>
    internal static class InFlightRegistry
    {
        static readonly RegistryShard[] s_shards = CreateShards();
        static readonly object s_drainLock = new object();
        static int s_entries;
        static int s_walkedAwayHolds;
        static TaskCompletionSource<bool>? s_drained;
        static int s_drainWaiters;

        static readonly Action<object?> s_onCallerCanceled = key => WalkAway(key!);

        /// <summary>The calls counted in and not out, summed over the threads (<see cref="ThreadCalls.CountInFlight"/>).</summary>
        public static int InFlight => ThreadCalls.CountInFlight();

        /// <summary>
        /// Whether any call has an entry: when none has, a call's end skips the lookup, and with it the hashing of its
        /// body. Read before the body's task is set and again after, so an entry made meanwhile is found (see Track).
        /// </summary>
        public static bool MayHaveEntries => Volatile.Read(ref s_entries) != 0;

        /// <summary>Counts a body at its first suspension, before its continuation can run anywhere else.</summary>
        public static void Enter() => ThreadCalls.Current.CountIn();

        /// <summary>Uncounts a body once it is handing over its outcome (and, if lost, has reported it).</summary>
        public static void Exit() => Exit(ThreadCalls.Current);

        /// <inheritdoc cref="Exit()"/>
        public static void Exit(ThreadCalls calls)
        {
            calls.CountOut();

            // The count and a waiting drain meet as in Dekker's algorithm: an end writes its count, then reads whether a
            // drain waits; a drain publishes itself, then sums the counts. Where the runtime can, the drain's side flushes
            // every core's pending writes (DrainAsync), so an end, the path of every call, needs no fence while no drain
            // waits. Ends that see a drain take a lock before they sum (SignalDrained), which is a full fence, so of two
            // concurrent ends one sees the other's count.
#if !NET5_0_OR_GREATER
            Interlocked.MemoryBarrier();
#endif
            if (Volatile.Read(ref s_drained) != null)
            {
                SignalDrained();
            }
        }

        /// <summary>
        /// Records a body that is still running after its kickoff returned, its entry (if it needs one) under
        /// <paramref name="key"/>. Returns false when the body reached its end in the meantime and nothing else will
        /// hand it over: the caller then receives the body's own task.
        /// </summary>
        public static bool Track(object key, Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span)
        {
            OperationsInFlight.Note(operation);
            var group = ShieldedWorkGroup.JoinAmbient();
            if (promise is null && deadline is null && group is null && span is null && !ShieldMetrics.DurationEnabled)
            {
                // Nothing to do at its end but uncount it: listed from this thread, never looked up.
                ThreadCalls.Current.Record(body, operation, null);
                return true;
            }

            return TrackEntry(key, body, promise, caller, operation, deadline, span, group);
        }

        /// <summary>
        /// Makes the entry of a call that has something to do at its end: apart, so that a call without one keeps no entry
        /// on its stack to zero.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        static bool TrackEntry(object key, Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span, ShieldedWorkGroup? group)
        {
            var startTimestamp = ShieldedOperations.TimeProvider.GetTimestamp();
            var call = new TrackedCall
            {
                Body = body,
                Operation = operation,
                Promise = promise,
                Caller = caller,
                Deadline = deadline,
                StartTimestamp = startTimestamp,
                Group = group,
                Span = span,
            };

            if (promise != null)
            {
                // Before the entry exists a firing token finds nothing; the check after the insert catches that case.
                CallerTokenRegistrations.Register(ref call, key, s_onCallerCanceled);
            }

            var shard = ShardOf(key);
            lock (shard)
            {
                shard.Calls.Add(key, call);

                shard.Count++;

                // A full fence before the completion check below, paired with the one in the body's SetResult: either
                // the body's end sees this entry, or this thread sees the body completed.
                Interlocked.Increment(ref s_entries);
            }

            if (promise != null && caller.FirstCanceled().IsCancellationRequested)
            {
                WalkAway(key);
            }

            if (!body.IsCompleted)
            {
                return true;
            }

            // The body ended while it was being recorded, and its end may have looked before the entry existed. Whoever
            // takes the entry owns it; if its end took it, that end delivers to the promise.
            if (TryTake(key, out var own))
            {
                Release(in own);
                return false;
            }

            return true;
        }

        /// <summary>
        /// Takes the entry kept under <paramref name="key"/> out of the registry. A miss in a shard with no entries takes
        /// no lock and writes nothing, which is what the end of every call without an entry costs.
        /// </summary>
        public static bool TryTake(object key, out TrackedCall call)
        {
            var shard = ShardOf(key);
            if (Volatile.Read(ref shard.Count) == 0)
            {
                call = default;
                return false;
            }

            lock (shard)
            {
                if (!RemoveFrom(shard, key, out call))
                {
                    return false;
                }

                shard.Count--;
                Interlocked.Decrement(ref s_entries);
                return true;
            }
        }

        /// <summary>Removes a body's entry with one lookup where the framework allows it; the caller holds the shard's lock.</summary>
        static bool RemoveFrom(RegistryShard shard, object key, out TrackedCall call)
        {
#if NET6_0_OR_GREATER
            return shard.Calls.Remove(key, out call);
#else
            return shard.Calls.TryGetValue(key, out call) && shard.Calls.Remove(key);
#endif
        }

        /// <summary>
        /// Lets go of the caller's tokens, the body's deadline and its work group once the body has ended, and of the hold
        /// a caller that walked away put on <see cref="DrainAsync"/>.
        /// </summary>
        public static void Release(in TrackedCall call)
        {
            CallerTokenRegistrations.Unregister(in call);
            call.Deadline?.Dispose();
            call.Group?.Leave();
            if (call.WalkedAway)
            {
                ReleaseDrainHold();
            }
        }

        /// <summary>Keeps <see cref="DrainAsync"/> waiting, though no call counts, until a lost fault may have been reported.</summary>
        public static void HoldDrain() => Interlocked.Increment(ref s_walkedAwayHolds);

        /// <summary>Lets go of one <see cref="HoldDrain"/>.</summary>
        public static void ReleaseDrainHold()
        {
            if (Interlocked.Decrement(ref s_walkedAwayHolds) == 0 && Volatile.Read(ref s_drained) != null)
            {
                SignalDrained();
            }
        }

        /// <summary>
        /// Visits every call in flight: the entries, one shard at a time under that shard's lock, then the calls only
        /// their kickoff threads know of. A body some thread is handing over is no longer in flight.
        /// </summary>
        public static void ForEachRunning<TState>(ref TState state, RunningCallVisitor<TState> visit)
        {
            var ending = ThreadCalls.CollectEnding();
            foreach (var shard in s_shards)
            {
                lock (shard)
                {
                    foreach (var entry in shard.Calls)
                    {
                        var body = entry.Value.Body!;
                        if (!body.IsCompleted && !ending.Contains(body))
                        {
                            visit(ref state, entry.Value);
                        }
                    }
                }
            }

            ThreadCalls.ForEachRunning(ref state, visit, ending);
        }

        public static Task DrainAsync(CancellationToken cancellationToken)
        {
            if (IsDrained)
            {
                return Task.CompletedTask;
            }

            TaskCompletionSource<bool> drained;
            lock (s_drainLock)
            {
                drained = s_drained ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                s_drainWaiters++;
            }

            // An end that read no drain before the signal was published has written its count before the sum below.
#if NET5_0_OR_GREATER
            Interlocked.MemoryBarrierProcessWide();
#else
            Interlocked.MemoryBarrier();
#endif
            if (IsDrained)
            {
                SignalDrained();
            }

            return cancellationToken.CanBeCanceled ? WaitAsync(drained, cancellationToken) : drained.Task;
        }

        /// <summary>Whether a drain is waiting: while one is, every call's end checks whether it was the last.</summary>
        internal static bool DrainWaiting => Volatile.Read(ref s_drained) != null;

        /// <summary>No call counts, and every caller that walked away has had its body's fault, if any, reported.</summary>
        static bool IsDrained => InFlight == 0 && Volatile.Read(ref s_walkedAwayHolds) == 0;

        static void SignalDrained()
        {
            TaskCompletionSource<bool>? drained;
            lock (s_drainLock)
            {
                if (!IsDrained)
                {
                    return;
                }

                drained = s_drained;
                s_drained = null;
                s_drainWaiters = 0;
            }

            drained?.TrySetResult(true);
        }

        static async Task WaitAsync(TaskCompletionSource<bool> drained, CancellationToken cancellationToken)
        {
            var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), canceled))
            {
                if (await Task.WhenAny(drained.Task, canceled.Task).ConfigureAwait(false) != drained.Task)
                {
                    StopWaiting(drained);
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        /// <summary>
        /// Withdraws the drain once the last caller waiting for it gave up, so that calls' ends stop checking for it: a
        /// drain that timed out costs nothing afterwards.
        /// </summary>
        static void StopWaiting(TaskCompletionSource<bool> drained)
        {
            lock (s_drainLock)
            {
                if (ReferenceEquals(s_drained, drained) && --s_drainWaiters == 0)
                {
                    s_drained = null;
                }
            }
        }

        static void WalkAway(object key)
        {
            var shard = ShardOf(key);
            TrackedCall call;
            lock (shard)
            {
                if (!shard.Calls.TryGetValue(key, out call) || !call.CanWalkAway)
                {
                    return;
                }

                var walkedAway = call;
                walkedAway.State = CallState.WalkedAway;
                shard.Calls[key] = walkedAway;

                // Until its end has reported a fault nobody will receive, the drain waits for this call even when its
                // end stopped counting it before this entry existed.
                HoldDrain();

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
        static RegistryShard ShardOf(object key) => s_shards[RuntimeHelpers.GetHashCode(key) & (s_shards.Length - 1)];

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
