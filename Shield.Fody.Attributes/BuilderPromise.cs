using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// A promise whose task comes from an async method builder: the one public way to end a task Canceled with a
    /// given OperationCanceledException instance. Used where TaskCompletionSource cannot mirror a canceled body
    /// (netstandard2.0, and .NET 8, which lacks TrySetFromTask). Walking away costs an exception object here.
    /// </summary>
    internal abstract class BuilderPromiseBase : IShieldPromise
    {
        const int Pending = 0;
        const int Settled = 1;
        const int WalkedAway = 2;

        int _state;

        public abstract Task Task { get; }

        public bool TryWalkAway(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, WalkedAway, Pending) != Pending)
            {
                return false;
            }

            SetException(new OperationCanceledException(token));
            return true;
        }

        public bool TryComplete(Task body)
        {
            if (!TrySettle())
            {
                return false;
            }

            SetResultFrom(body);
            return true;
        }

        public bool TryFault(Task body, Exception exception)
        {
            if (!TrySettle())
            {
                return false;
            }

            SetException(exception);
            return true;
        }

        bool TrySettle() => Interlocked.CompareExchange(ref _state, Settled, Pending) == Pending;

        protected abstract void SetResultFrom(Task body);

        protected abstract void SetException(Exception exception);
    }

    internal sealed class BuilderPromise : BuilderPromiseBase
    {
        // Not readonly: the builder is a mutable struct and must be used in place.
        AsyncTaskMethodBuilder _builder;

        public BuilderPromise() => _ = _builder.Task;

        public override Task Task => _builder.Task;

        protected override void SetResultFrom(Task body) => _builder.SetResult();

        protected override void SetException(Exception exception) => _builder.SetException(exception);
    }

    internal sealed class BuilderPromise<TResult> : BuilderPromiseBase
    {
        // Not readonly: the builder is a mutable struct and must be used in place.
        AsyncTaskMethodBuilder<TResult> _builder;

        public BuilderPromise() => _ = _builder.Task;

        public override Task Task => _builder.Task;

        protected override void SetResultFrom(Task body) => _builder.SetResult(((Task<TResult>)body).Result);

        protected override void SetException(Exception exception) => _builder.SetException(exception);
    }
}
