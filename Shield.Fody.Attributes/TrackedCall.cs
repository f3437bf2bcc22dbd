using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// What the registry keeps about one suspended shielded call that has something to do at its end (a proxy, a
    /// deadline, a duration), under the call's key (<see cref="RegistryShard.Calls"/>); the listing sees the other calls
    /// as this too.
    /// </summary>
    internal struct TrackedCall
    {
        /// <summary>The body's task: the listing shows the call while it has not completed.</summary>
        public Task? Body;
        public ShieldedOperation? Operation;
        public IShieldPromise? Promise;
        public ShieldCallerTokens Caller;
        public CancellationTokenSource? Deadline;
        public long StartTimestamp;
        public CancellationTokenRegistration First;
        public CancellationTokenRegistration Second;
        public CancellationTokenRegistration[]? Rest;
        public CallState State;
        public ShieldedWorkGroup? Group;

        /// <summary>The call's Activity while the "Shield" source is sampled (tracing, ShieldActivities).</summary>
        public ShieldSpan? Span;

        public readonly bool WalkedAway => State == CallState.WalkedAway;

        /// <summary>True while the caller's token can still release the caller.</summary>
        public readonly bool CanWalkAway => Promise != null && State == CallState.Running;
    }

    /// <summary>Where a recorded call stands. Changed only under its shard's lock.</summary>
    internal enum CallState : byte
    {
        /// <summary>The body runs and its caller is waiting.</summary>
        Running = 0,

        /// <summary>The caller's token fired first: the caller's task is canceled, the body's outcome is not theirs.</summary>
        WalkedAway = 1,
    }
}
