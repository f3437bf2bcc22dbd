using System;
using System.Threading;

namespace Shield
{
    /// <summary>What the registry keeps about one suspended shielded call, keyed by the body's task.</summary>
    /// <remarks>
    /// A call whose body reached its end before the kickoff recorded it is kept as a tombstone (no
    /// <see cref="Operation"/>, state <see cref="CallState.Ending"/>) until the body's completion removes it, so the
    /// kickoff knows not to record it.
    /// </remarks>
    internal struct TrackedCall
    {
        public ShieldedOperation? Operation;
        public IShieldPromise? Promise;
        public ShieldCallerTokens Caller;
        public CancellationTokenSource? Deadline;
        public long StartTimestamp;
        public CancellationTokenRegistration First;
        public CancellationTokenRegistration Second;
        public CancellationTokenRegistration[]? Rest;
        public CallState State;

        /// <summary>The call's Activity while the "Shield" source is sampled (tracing, ShieldActivities).</summary>
        public ShieldSpan? Span;

        public readonly bool IsTombstone => Operation is null;

        /// <summary>True for a recorded body that has not started handing over its outcome: counted and listed.</summary>
        public readonly bool IsInFlight => Operation != null && (State & CallState.Ending) == 0;

        public readonly bool WalkedAway => (State & CallState.WalkedAway) != 0;

        public readonly bool IsEnding => (State & CallState.Ending) != 0;

        /// <summary>True while the caller's token can still release the caller.</summary>
        public readonly bool CanWalkAway => Promise != null && State == CallState.Running;

        public static TrackedCall Tombstone => new TrackedCall { State = CallState.Ending };
    }

    /// <summary>Where a recorded call stands. Changed only under its shard's lock.</summary>
    [Flags]
    internal enum CallState : byte
    {
        /// <summary>The body runs and its caller is waiting.</summary>
        Running = 0,

        /// <summary>The caller's token fired first: the caller's task is canceled, the body's outcome is not theirs.</summary>
        WalkedAway = 1,

        /// <summary>The body is handing over its outcome: it is no longer in flight and its caller can no longer walk away.</summary>
        Ending = 2,
    }
}
