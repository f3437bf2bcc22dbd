using System.Threading;

namespace Shield
{
    /// <summary>What the registry keeps about one suspended shielded call, keyed by the body's task.</summary>
    internal struct TrackedCall
    {
        public ShieldedOperation Operation;
        public IShieldPromise? Promise;
        public ShieldCallerTokens Caller;
        public CancellationTokenSource? Deadline;
        public long StartTimestamp;
        public CancellationTokenRegistration First;
        public CancellationTokenRegistration Second;
        public CancellationTokenRegistration[]? Rest;
    }
}
