using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// The shielded calls started while serving one unit of work (a web request, a worker's scope), and a signal for
    /// when they have all ended, so that whatever that work borrowed (its DI scope, its <c>DbContext</c>) can be kept
    /// until then and no longer. Other groups' calls, and the process-wide <see cref="ShieldedOperations.InFlight"/>,
    /// never hold it up.
    /// </summary>
    /// <remarks>
    /// <para>
    /// <see cref="Open"/> makes a new group the ambient one for the calling flow (an <see cref="AsyncLocal{T}"/>):
    /// every shielded call that flow makes, directly or through the calls it awaits, joins the group when its body
    /// first suspends (a body that completes synchronously never counts), and leaves it when the body ends.
    /// <see cref="Close"/> says the unit of work is over; <see cref="Ended"/> completes once the group is closed and
    /// none of its calls is running.
    /// </para>
    /// <para>
    /// Membership: a call joins while the group is open and, after <see cref="Close"/>, only while some call of the
    /// group is still running. A running body that calls another shielded method therefore always keeps its group
    /// together, since its own call is running then. Once a group has ended it is sealed: a timer or background loop
    /// that captured the ambient context and starts a shielded call later does not join it, so it cannot keep a
    /// finished unit of work alive. (A captured context that starts a call while the group's own work is still
    /// running does join; a keep-alive limit such as <c>ShieldedScopeOptions.KeepAliveLimit</c> in Shield.Hosting
    /// bounds that.) Telling the two apart exactly would mean writing to every body's execution context, which
    /// would cost every suspended call an allocation; this rule costs none.
    /// </para>
    /// <para>
    /// Cost: until the first group is opened, a suspended call pays one static read; afterwards one ambient read and
    /// one interlocked update on the group when it is recorded, and one when it ends. Joining allocates nothing.
    /// </para>
    /// </remarks>
    public sealed class ShieldedWorkGroup : IDisposable
    {
        // Closed bit plus the count of running calls, in one word so that joining after the close and ending
        // cannot cross: a group is ended exactly when the word equals ClosedBit.
        const int ClosedBit = 1 << 30;

        static readonly AsyncLocal<ShieldedWorkGroup?> s_current = new AsyncLocal<ShieldedWorkGroup?>();
        static bool s_anyOpened;

        static readonly Task s_endedTask = Task.FromResult(true);

        readonly ShieldedWorkGroup? _previous;
        // Made only for a waiter that comes before the end: a group whose work never outlives it allocates none.
        TaskCompletionSource<bool>? _ended;
        int _state;

        ShieldedWorkGroup(ShieldedWorkGroup? previous) => _previous = previous;

        /// <summary>The group that shielded calls made from the current flow join, or null.</summary>
        public static ShieldedWorkGroup? Current => Volatile.Read(ref s_anyOpened) ? s_current.Value : null;

        /// <summary>
        /// Opens a group and makes it <see cref="Current"/> for the calling flow and the flows it starts, until
        /// <see cref="Close"/> (called from the same flow) or the calling async method returns.
        /// </summary>
        public static ShieldedWorkGroup Open()
        {
            var group = new ShieldedWorkGroup(s_current.Value);
            Volatile.Write(ref s_anyOpened, true);
            s_current.Value = group;
            return group;
        }

        /// <summary>
        /// Makes this group <see cref="Current"/> again for the calling flow and the flows it starts, until the calling
        /// async method returns: for code that serves the same unit of work a second time after the flow that opened
        /// the group has moved on (ASP.NET Core running a request's pipeline again for its error page). Calls join it
        /// by the usual rule: while it is open, or after <see cref="Close"/> while one of its calls is still running.
        /// </summary>
        public void MakeCurrent()
        {
            Volatile.Write(ref s_anyOpened, true);
            s_current.Value = this;
        }

        /// <summary>Completes once the group is closed and every call that joined it has ended. Never faults.</summary>
        public Task Ended
        {
            get
            {
                if (HasEnded)
                {
                    return s_endedTask;
                }

                var ended = Volatile.Read(ref _ended)
                    ?? Interlocked.CompareExchange(ref _ended, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously), null)
                    ?? _ended!;

                // The last call may have left before the source was published, finding none to complete.
                if (HasEnded)
                {
                    ended.TrySetResult(true);
                }

                return ended.Task;
            }
        }

        /// <summary>True once the group is closed and none of its calls runs: nothing can join it any more.</summary>
        public bool HasEnded => Volatile.Read(ref _state) == ClosedBit;

        /// <summary>True once <see cref="Close"/> was called.</summary>
        public bool IsClosed => (Volatile.Read(ref _state) & ClosedBit) != 0;

        /// <summary>The number of the group's calls that are running now.</summary>
        public int Running => Volatile.Read(ref _state) & ~ClosedBit;

        /// <summary>
        /// Says the unit of work is over: from now on only the group's running calls can add to it, and
        /// <see cref="Ended"/> completes when the last of them ends (at once when none runs). Restores the
        /// previous <see cref="Current"/> when called from the flow that opened the group. Calling it again does nothing.
        /// </summary>
        public void Close()
        {
            if (ReferenceEquals(s_current.Value, this))
            {
                s_current.Value = _previous;
            }

            int state;
            do
            {
                state = Volatile.Read(ref _state);
                if ((state & ClosedBit) != 0)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _state, state | ClosedBit, state) != state);

            if (state == 0)
            {
                SignalEnded();
            }
        }

        /// <summary>Closes the group (<see cref="Close"/>).</summary>
        public void Dispose() => Close();

        /// <summary>Lists the group's calls that are running now, with their operation names and start times.</summary>
        public IReadOnlyList<InFlightOperation> GetRunning() => OperationsInFlight.Snapshot(this);

        /// <summary>
        /// The group a call being recorded joins: the ambient one unless it has ended. Until a group is first opened
        /// this is one static read.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static ShieldedWorkGroup? JoinAmbient() => s_anyOpened ? JoinCurrent() : null;

        static ShieldedWorkGroup? JoinCurrent()
        {
            var group = s_current.Value;
            return group != null && group.TryJoin() ? group : null;
        }

        bool TryJoin()
        {
            int state;
            do
            {
                state = Volatile.Read(ref _state);
                if (state == ClosedBit)
                {
                    return false;
                }
            }
            while (Interlocked.CompareExchange(ref _state, state + 1, state) != state);

            return true;
        }

        /// <summary>Called once for each call that joined, when its body ends.</summary>
        internal void Leave()
        {
            if (Interlocked.Decrement(ref _state) == ClosedBit)
            {
                SignalEnded();
            }
        }

        void SignalEnded() => Volatile.Read(ref _ended)?.TrySetResult(true);
    }
}
