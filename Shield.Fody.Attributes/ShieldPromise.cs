using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// The task a caller receives when it can stop waiting: settled once, either by the body's outcome or by the
    /// caller's token. Everything else about the call lives in <see cref="InFlightRegistry"/>, so a promise is one
    /// small object beside its task and shielding costs no more than <c>Task.WaitAsync</c>'s own promise.
    /// </summary>
    internal interface IShieldPromise
    {
        Task Task { get; }

        /// <summary>Cancels the caller's task with <paramref name="token"/>, unless the body settled it first.</summary>
        bool TryWalkAway(CancellationToken token);

        /// <summary>Hands a body that ran to completion to the caller; false when the caller walked away.</summary>
        bool TryComplete(Task body);

        /// <summary>
        /// Hands the body's exception to the caller, the same instance; a body that ended canceled leaves the
        /// caller's task Canceled with the body's own OperationCanceledException. False when the caller walked away.
        /// </summary>
        bool TryFault(Task body, Exception exception);
    }

    /// <summary>Creates the cheapest promise the running framework can settle with full fidelity.</summary>
    internal static class ShieldPromises
    {
        public static IShieldPromise Create<TResult>() =>
#if NET8_0_OR_GREATER
            CompletionSourcePromise<TResult>.IsSupported ? new CompletionSourcePromise<TResult>() : new BuilderPromise<TResult>();
#else
            new BuilderPromise<TResult>();
#endif

        public static IShieldPromise CreateVoid() =>
#if NET8_0_OR_GREATER
            CompletionSourcePromise.IsSupported ? new CompletionSourcePromise() : new BuilderPromise();
#else
            new BuilderPromise();
#endif
    }
}
