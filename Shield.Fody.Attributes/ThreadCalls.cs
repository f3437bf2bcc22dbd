using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// What one thread knows about shielded calls, kept on that thread so that the common cases touch no memory
    /// that other cores write: the calls it started that need nothing at their end (listed, never looked up), and the
    /// ends it is handing over right now (so that <see cref="CallEnd"/>'s two steps meet without a lookup).
    /// </summary>
    /// <remarks>
    /// A call with no proxy, deadline or duration to record needs nothing at its end but the in-flight count, so its
    /// kickoff records it here for the listing only; so does a waiting call (<see cref="WaitingCalls"/>), whose record
    /// also keeps its proxy for the rare end that must find it. Such a record is listed while its body's task has not
    /// completed and no thread is handing over its outcome; records of completed bodies are swept when the thread's
    /// list fills up, so a thread keeps at most its last few completed bodies' tasks until its next shielded call.
    /// </remarks>
    internal sealed class ThreadCalls
    {
        static readonly List<ThreadCalls> s_all = new List<ThreadCalls>();

        // The counts of the threads that ended and were dropped from s_all, folded in under its lock.
        static long s_endedThreadsIn;
        static long s_endedThreadsOut;

        // When s_all reaches this many threads, a thread's first call drops the ended ones (under s_all's lock), so
        // threads that come and go are dropped whether or not anything lists the calls: each time the list has doubled
        // since, so each thread costs a constant share of the scans.
        const int FirstDropAt = 32;
        static int s_dropEndedAt = FirstDropAt;

        [ThreadStatic]
        static ThreadCalls? t_current;

        readonly Thread _owner = Thread.CurrentThread;

        // The records. The owning thread appends without the lock: it writes the slot past the count, then publishes the
        // count. Everything else (the owner's sweep, the listing, a fault's claim) takes the lock and reads only below
        // the count, so the owner is the only thread that ever moves a record.
        readonly object _callsLock = new object();
        LocalCall[] _calls = new LocalCall[8];
        int _callCount;

        // The bodies whose ends this thread is handing over, innermost last, with the faults of waiting calls still to
        // settle, and the entries their Ending steps took (only those that had one are written). Written only by the
        // owning thread; the listing reads the bodies and tolerates one that is being pushed. Frames are structs, so
        // storing a body needs no array type check.
        EndingFrame[] _ending = new EndingFrame[2];
        TrackedCall[] _endingCalls = new TrackedCall[2];
        int _depth;

        // The last body without an entry whose result this thread began to set (a Finishing step pushes no frame, and
        // nothing pops this): the listing leaves it out until its task completes. Overwriting it is safe, because the
        // builder sets that body's task before this thread runs anything else, continuations included.
        Task? _finishing;

        // The calls this thread counted in (first suspensions) and out (ends). Written only by this thread: the in-flight
        // count is their difference summed over the threads, so counting a call writes no memory another core writes.
        long _countedIn;
        long _countedOut;

        public static ThreadCalls Current => t_current ?? Create();

        /// <summary>Counts a call in on this thread.</summary>
        public void CountIn() => Volatile.Write(ref _countedIn, _countedIn + 1);

        /// <summary>Counts a call out on this thread.</summary>
        public void CountOut() => Volatile.Write(ref _countedOut, _countedOut + 1);

        /// <summary>
        /// The calls counted in and not yet out, over every thread. The outs are read first: a call is counted in before
        /// it can end anywhere, so each out read has its in read after it, and the count never falls below the calls in
        /// flight when the outs were read.
        /// </summary>
        public static int CountInFlight()
        {
            lock (s_all)
            {
                var countedOut = s_endedThreadsOut;
                foreach (var thread in s_all)
                {
                    countedOut += Volatile.Read(ref thread._countedOut);
                }

                var countedIn = s_endedThreadsIn;
                foreach (var thread in s_all)
                {
                    countedIn += Volatile.Read(ref thread._countedIn);
                }

                return (int)(countedIn - countedOut);
            }
        }

        /// <summary>
        /// Records a call that needs no lookup at its end: one with nothing to do there (<paramref name="proxy"/> null),
        /// or a waiting call whose proxy is the body's own <c>WaitAsync</c> (<see cref="WaitingCalls"/>).
        /// </summary>
        public void Record(Task body, ShieldedOperation operation, Task? proxy)
        {
            var start = ListingClock.Now();
            var count = _callCount;
            if (count == _calls.Length)
            {
                lock (_callsLock)
                {
                    MakeRoom();
                    count = _callCount;
                }
            }

            _calls[count] = new LocalCall(body, operation, start, proxy);
            Volatile.Write(ref _callCount, count + 1);
        }

        /// <summary>
        /// Claims this thread's own record of a waiting call whose body ended while it was being recorded: true when no
        /// end claimed it first, so the kickoff decides what the caller receives.
        /// </summary>
        public bool TryClaim(Task body)
        {
            lock (_callsLock)
            {
                return TryClaimLocked(body, out _);
            }
        }

        /// <summary>
        /// Finds and claims the record of a waiting call on whichever thread started it. Only the end of a body that
        /// faulted or ended canceled looks, so the search over every thread is off the common path.
        /// </summary>
        public static bool TryClaimWaiting(Task body, out LocalCall claimed)
        {
            foreach (var thread in All())
            {
                lock (thread._callsLock)
                {
                    if (thread.TryClaimLocked(body, out claimed))
                    {
                        return true;
                    }
                }
            }

            claimed = default;
            return false;
        }

        bool TryClaimLocked(Task body, out LocalCall claimed)
        {
            // Newest first: a body's record is almost always among the last few this thread made.
            for (var i = Volatile.Read(ref _callCount) - 1; i >= 0; i--)
            {
                ref var call = ref _calls[i];
                if (ReferenceEquals(call.Body, body))
                {
                    if (call.Proxy is null || call.Claimed)
                    {
                        break;
                    }

                    call.Claimed = true;
                    claimed = call;
                    return true;
                }
            }

            claimed = default;
            return false;
        }

        /// <summary>Remembers a body without an entry whose result this thread is about to set, until its next one.</summary>
        public void MarkFinishing(Task body) => Volatile.Write(ref _finishing, body);

        /// <summary>
        /// Remembers, until <see cref="PopEnding"/>, a body whose end this thread is handing over and that had no entry:
        /// with, for a waiting call that faulted, what is left to settle.
        /// </summary>
        public void PushEnding(Task body, WaitingCalls.Fault? fault)
        {
            if (_depth == _ending.Length)
            {
                Grow();
            }

            _ending[_depth] = new EndingFrame(body, fault);
            Volatile.Write(ref _depth, _depth + 1);
        }

        /// <summary>Remembers, until <see cref="PopEnding"/>, a body whose end this thread is handing over, with the entry its Ending step took.</summary>
        public void PushEnding(Task body, in TrackedCall call)
        {
            PushEnding(body, (WaitingCalls.Fault?)null);

            // Only a taken entry is written, and PopEnding's reader clears it, so an empty slot stays empty.
            _endingCalls[_depth - 1] = call;
        }

        /// <summary>
        /// Takes what this thread's Ending step pushed for <paramref name="body"/>: whether it took an entry (then read it
        /// with <see cref="TakePoppedCall"/>) and a waiting call's fault still to settle. Ends nest (a caller that resumes
        /// inline ends its own shielded body inside another's hand-over), so it is always the innermost one.
        /// </summary>
        public bool PopEnding(Task body, out bool recorded, out WaitingCalls.Fault? fault)
        {
            var top = _depth - 1;
            if (top < 0 || !ReferenceEquals(_ending[top].Body, body))
            {
                recorded = false;
                fault = null;
                return false;
            }

            fault = _ending[top].Fault;
            recorded = _endingCalls[top].Operation != null;
            _ending[top] = default;
            Volatile.Write(ref _depth, top);
            return true;
        }

        /// <summary>Moves out the entry of the frame <see cref="PopEnding"/> just popped, before anything else is pushed.</summary>
        public void TakePoppedCall(out TrackedCall call)
        {
            call = _endingCalls[_depth];
            _endingCalls[_depth] = default;
        }

        void Grow()
        {
            Array.Resize(ref _endingCalls, _depth * 2);
            var grown = new EndingFrame[_depth * 2];
            _ending.CopyTo(grown, 0);
            Volatile.Write(ref _ending, grown);
        }

        /// <summary>
        /// Visits every call that only the listing knows of whose body still runs and is not in <paramref name="ending"/>.
        /// </summary>
        public static void ForEachRunning<TState>(ref TState state, RunningCallVisitor<TState> visit, HashSet<Task> ending)
        {
            foreach (var thread in All())
            {
                // Whether it had ended is read before its records: a thread that has ended adds none, so if it needs none
                // of those read afterwards it never will, and nothing can be lost by dropping it.
                var ended = !thread._owner.IsAlive;
                if (thread.VisitRunning(ref state, visit, ending) == 0 && ended)
                {
                    lock (s_all)
                    {
                        if (s_all.Remove(thread))
                        {
                            thread.FoldCounts();
                        }
                    }
                }
            }
        }

        /// <summary>Every body whose outcome some thread is handing over right now: it no longer counts as in flight.</summary>
        public static HashSet<Task> CollectEnding()
        {
            var ending = new HashSet<Task>();
            foreach (var thread in All())
            {
                thread.CollectEnding(ending);
            }

            return ending;
        }

        static ThreadCalls[] All()
        {
            lock (s_all)
            {
                return s_all.ToArray();
            }
        }

        void CollectEnding(HashSet<Task> into)
        {
            if (Volatile.Read(ref _finishing) is { IsCompleted: false } finishing)
            {
                into.Add(finishing);
            }

            var frames = Volatile.Read(ref _ending);
            var depth = Math.Min(Volatile.Read(ref _depth), frames.Length);
            for (var i = 0; i < depth; i++)
            {
                if (frames[i].Body is { } body)
                {
                    into.Add(body);
                }
            }
        }

        /// <summary>Visits this thread's running calls; returns how many records it still needs.</summary>
        int VisitRunning<TState>(ref TState state, RunningCallVisitor<TState> visit, HashSet<Task> ending)
        {
            lock (_callsLock)
            {
                var needed = 0;
                var count = Volatile.Read(ref _callCount);
                for (var i = 0; i < count; i++)
                {
                    var local = _calls[i];
                    if (!local.IsDone)
                    {
                        needed++;
                    }

                    if (!local.Body.IsCompleted && !ending.Contains(local.Body))
                    {
                        var call = new TrackedCall { Operation = local.Operation, StartTimestamp = ListingClock.ToTimestamp(local.Start) };
                        visit(ref state, in call);
                    }
                }

                return needed;
            }
        }

        /// <summary>Drops records of completed bodies; grows the list when most of it still runs. The owner only, under the lock.</summary>
        void MakeRoom()
        {
            Sweep();
            if (_callCount > _calls.Length / 2)
            {
                var grown = new LocalCall[_calls.Length * 2];
                Array.Copy(_calls, grown, _callCount);
                _calls = grown;
            }
        }

        void Sweep()
        {
            var kept = 0;
            for (var i = 0; i < _callCount; i++)
            {
                if (!_calls[i].IsDone)
                {
                    _calls[kept++] = _calls[i];
                }
            }

            Array.Clear(_calls, kept, _callCount - kept);
            _callCount = kept;
        }

        static ThreadCalls Create()
        {
            var created = new ThreadCalls();
            lock (s_all)
            {
                s_all.Add(created);
                if (s_all.Count >= s_dropEndedAt)
                {
                    DropEndedLocked();
                }
            }

            t_current = created;
            return created;
        }

        /// <summary>Whether the calls of <paramref name="thread"/> are still listed (for tests).</summary>
        internal static bool IsListed(Thread thread)
        {
            lock (s_all)
            {
                return s_all.Exists(calls => calls._owner == thread);
            }
        }

        /// <summary>Drops the threads that ended and need none of their records, folding in their counts; under s_all's lock.</summary>
        static void DropEndedLocked()
        {
            s_all.RemoveAll(thread =>
            {
                if (!thread.HasEndedAndNeedsNothing())
                {
                    return false;
                }

                thread.FoldCounts();
                return true;
            });

            s_dropEndedAt = Math.Max(FirstDropAt, s_all.Count * 2);
        }

        bool HasEndedAndNeedsNothing()
        {
            // Read before the records, as in ForEachRunning.
            if (_owner.IsAlive)
            {
                return false;
            }

            lock (_callsLock)
            {
                var count = Volatile.Read(ref _callCount);
                for (var i = 0; i < count; i++)
                {
                    if (!_calls[i].IsDone)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Adds a dropped thread's counts to the totals, under s_all's lock. They are final: it wrote them before it ended.</summary>
        void FoldCounts()
        {
            s_endedThreadsIn += Volatile.Read(ref _countedIn);
            s_endedThreadsOut += Volatile.Read(ref _countedOut);
        }

        readonly struct EndingFrame
        {
            public EndingFrame(Task body, WaitingCalls.Fault? fault)
            {
                Body = body;
                Fault = fault;
            }

            public readonly Task? Body;

            public readonly WaitingCalls.Fault? Fault;
        }

        /// <summary>One call recorded on its kickoff thread.</summary>
        internal struct LocalCall
        {
            public LocalCall(Task body, ShieldedOperation operation, ListingStart start, Task? proxy)
            {
                Body = body;
                Operation = operation;
                Start = start;
                Proxy = proxy;
                Claimed = false;
            }

            public readonly Task Body;

            public readonly ShieldedOperation Operation;

            /// <summary>When it first suspended, by <see cref="ListingClock"/>.</summary>
            public readonly ListingStart Start;

            /// <summary>The caller's <c>WaitAsync</c> proxy of a waiting call; null when the caller holds the body's task.</summary>
            public readonly Task? Proxy;

            /// <summary>Set, under the list's lock, by whichever of the body's end and its kickoff settles a waiting call's fault.</summary>
            public bool Claimed;

            /// <summary>
            /// Whether the record can go: its body has ended, and a waiting call that did not run to completion has been
            /// claimed (until then its end may still have to find the proxy).
            /// </summary>
            public readonly bool IsDone =>
                Body.IsCompleted && (Proxy is null || Claimed || Body.Status == TaskStatus.RanToCompletion);
        }
    }
}
