using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// The task a caller receives when it can stop waiting: settled once, either by the body's outcome or by the
    /// caller's token. Kept to one small object beside its task (32 bytes on x64) so that shielding costs no more
    /// than <c>Task.WaitAsync</c>'s own promise; everything else about the call lives in <see cref="InFlightRegistry"/>.
    /// </summary>
    /// <remarks>
    /// The task comes from an <see cref="AsyncTaskMethodBuilder{TResult}"/> rather than a TaskCompletionSource
    /// because only the builder can end a task Canceled with a given <see cref="OperationCanceledException"/>
    /// instance, which keeps a canceled body's own exception (message, inner exception) intact for the caller.
    /// </remarks>
    internal abstract class ShieldPromise
    {
        const int Pending = 0;
        const int Settled = 1;
        const int WalkedAway = 2;

        int _state;

        public abstract Task Task { get; }

        /// <summary>True once the caller's token settled the promise before the body did.</summary>
        public bool CallerWalkedAway => Volatile.Read(ref _state) == WalkedAway;

        /// <summary>Cancels the caller's task on behalf of <paramref name="token"/>, unless the body settled it first.</summary>
        public bool TryWalkAway(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, WalkedAway, Pending) != Pending)
            {
                return false;
            }

            SetException(new OperationCanceledException(token));
            return true;
        }

        /// <summary>Hands the body's exception to the caller (an OperationCanceledException ends the task Canceled).</summary>
        public bool TryFault(Exception exception)
        {
            if (!TrySettle())
            {
                return false;
            }

            SetException(exception);
            return true;
        }

        /// <summary>Hands a body's result to the caller, from a task that ran to completion.</summary>
        public abstract void CompleteFrom(Task body);

        protected bool TrySettle() => Interlocked.CompareExchange(ref _state, Settled, Pending) == Pending;

        protected abstract void SetException(Exception exception);
    }

    internal sealed class VoidShieldPromise : ShieldPromise
    {
        // Not readonly: the builder is a mutable struct and must be used in place.
        AsyncTaskMethodBuilder _builder;

        public VoidShieldPromise() => _ = _builder.Task;

        public override Task Task => _builder.Task;

        public void TryComplete()
        {
            if (TrySettle())
            {
                _builder.SetResult();
            }
        }

        public override void CompleteFrom(Task body) => TryComplete();

        protected override void SetException(Exception exception) => _builder.SetException(exception);
    }

    internal sealed class ShieldPromise<TResult> : ShieldPromise
    {
        // Not readonly: the builder is a mutable struct and must be used in place.
        AsyncTaskMethodBuilder<TResult> _builder;

        public ShieldPromise() => _ = _builder.Task;

        public override Task Task => _builder.Task;

        public Task<TResult> TypedTask => _builder.Task;

        public void TryComplete(TResult result)
        {
            if (TrySettle())
            {
                _builder.SetResult(result);
            }
        }

        public override void CompleteFrom(Task body) => TryComplete(((Task<TResult>)body).Result);

        protected override void SetException(Exception exception) => _builder.SetException(exception);
    }
}
