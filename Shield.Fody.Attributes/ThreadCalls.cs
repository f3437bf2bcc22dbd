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
    /// kickoff records it here for the listing only. Such a record is listed while its body's task has not completed
    /// and no thread is handing over its outcome; records of completed bodies are swept when the thread's list fills
    /// up, so a thread keeps at most its last few completed bodies' tasks until its next shielded call.
    /// </remarks>
    internal sealed class ThreadCalls
    {
        static readonly List<ThreadCalls> s_all = new List<ThreadCalls>();

        [ThreadStatic]
        static ThreadCalls? t_current;

        readonly Thread _owner = Thread.CurrentThread;

        // Taken by the owning thread to record and by the listing to read; almost never contended.
        readonly object _callsLock = new object();
        LocalCall[] _calls = new LocalCall[8];
        int _callCount;

        // The bodies whose ends this thread is handing over, innermost last, and the entries their Ending steps took
        // (only those that had one are written). Written only by the owning thread; the listing reads the bodies and
        // tolerates one that is being pushed.
        Task?[] _endingBodies = new Task?[2];
        TrackedCall[] _endingCalls = new TrackedCall[2];
        int _depth;

        public static ThreadCalls Current => t_current ?? Create();

        /// <summary>Records a call that only the listing needs to know about.</summary>
        public void Record(Task body, ShieldedOperation operation, long startTimestamp)
        {
            lock (_callsLock)
            {
                if (_callCount == _calls.Length)
                {
                    MakeRoom();
                }

                _calls[_callCount++] = new LocalCall(body, operation, startTimestamp);
            }
        }

        /// <summary>
        /// Remembers, until <see cref="PopEnding"/>, a body whose end this thread is handing over, with the entry its
        /// Ending step took (default when it found none).
        /// </summary>
        public void PushEnding(Task body, in TrackedCall call)
        {
            if (_depth == _endingBodies.Length)
            {
                Array.Resize(ref _endingCalls, _depth * 2);
                var grown = new Task?[_depth * 2];
                _endingBodies.CopyTo(grown, 0);
                Volatile.Write(ref _endingBodies, grown);
            }

            // Only a taken entry is written: a slot is cleared when its frame is popped, so an empty one stays empty.
            if (call.Operation != null)
            {
                _endingCalls[_depth] = call;
            }

            _endingBodies[_depth] = body;
            Volatile.Write(ref _depth, _depth + 1);
        }

        /// <summary>
        /// Takes what this thread's Ending step pushed for <paramref name="body"/>: whether it took an entry, and that
        /// entry. Ends nest (a caller that resumes inline ends its own shielded body inside another's hand-over), so it
        /// is always the innermost one.
        /// </summary>
        public bool PopEnding(Task body, out bool recorded, out TrackedCall call)
        {
            var top = _depth - 1;
            if (top < 0 || !ReferenceEquals(_endingBodies[top], body))
            {
                recorded = false;
                call = default;
                return false;
            }

            call = _endingCalls[top];
            recorded = call.Operation != null;
            if (recorded)
            {
                _endingCalls[top] = default;
            }

            _endingBodies[top] = null;
            Volatile.Write(ref _depth, top);
            return true;
        }

        /// <summary>
        /// Visits every call that only the listing knows of whose body still runs and is not in <paramref name="ending"/>.
        /// </summary>
        public static void ForEachRunning<TState>(ref TState state, RunningCallVisitor<TState> visit, HashSet<Task> ending)
        {
            foreach (var thread in All())
            {
                if (thread.VisitRunning(ref state, visit, ending) == 0 && !thread._owner.IsAlive)
                {
                    lock (s_all)
                    {
                        s_all.Remove(thread);
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
            var bodies = Volatile.Read(ref _endingBodies);
            var depth = Math.Min(Volatile.Read(ref _depth), bodies.Length);
            for (var i = 0; i < depth; i++)
            {
                if (bodies[i] is { } body)
                {
                    into.Add(body);
                }
            }
        }

        int VisitRunning<TState>(ref TState state, RunningCallVisitor<TState> visit, HashSet<Task> ending)
        {
            lock (_callsLock)
            {
                Sweep();
                for (var i = 0; i < _callCount; i++)
                {
                    var local = _calls[i];
                    if (!ending.Contains(local.Body))
                    {
                        var call = new TrackedCall { Operation = local.Operation, StartTimestamp = local.StartTimestamp };
                        visit(ref state, in call);
                    }
                }

                return _callCount;
            }
        }

        /// <summary>Drops records of completed bodies; grows the list when most of it still runs.</summary>
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
                if (!_calls[i].Body.IsCompleted)
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
            }

            t_current = created;
            return created;
        }

        readonly struct LocalCall
        {
            public LocalCall(Task body, ShieldedOperation operation, long startTimestamp)
            {
                Body = body;
                Operation = operation;
                StartTimestamp = startTimestamp;
            }

            public Task Body { get; }

            public ShieldedOperation Operation { get; }

            public long StartTimestamp { get; }
        }
    }
}
