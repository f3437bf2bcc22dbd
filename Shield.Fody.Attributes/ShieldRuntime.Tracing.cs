using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <remarks>
    /// Tracing: woven code starts the call's span before the body runs (<see cref="StartSpan"/>) and hands it over with
    /// the body's task (the <c>Started</c> and <c>Returned</c> overloads that take a <see cref="ShieldSpan"/>). While no
    /// listener samples the "Shield" source, the span is null and the call takes the untraced path at the cost of
    /// <see cref="System.Diagnostics.ActivitySource.HasListeners"/> and one null test.
    /// </remarks>
    public static partial class ShieldRuntime
    {
        /// <summary>
        /// Starts the call's Activity and makes it current for the body; null, and nothing created, while no listener
        /// samples the "Shield" source.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ShieldSpan? StartSpan(ShieldedOperation operation) =>
            ShieldActivities.Source.HasListeners() ? ShieldActivities.Start(operation) : null;

        /// <summary>
        /// A call that threw before handing a task over (a method that is not a state machine, a shielded call site's
        /// callee): the caller gets its own <c>Activity.Current</c> back, the span ends as a fault with
        /// <paramref name="exception"/>, and the deadline is disposed. The caller then rethrows the exception unchanged.
        /// </summary>
        public static void Threw(Exception exception, CancellationTokenSource? deadline, ShieldSpan? span)
        {
            if (span != null)
            {
                ShieldActivities.Return(span);
                ShieldActivities.End(span, exception, deadline);
            }

            deadline?.Dispose();
        }

        /// <summary>
        /// <see cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/> for a call whose
        /// span <see cref="StartSpan"/> started: the caller gets its own <c>Activity.Current</c> back, and the span
        /// ends with the body.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task Started(Task body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Started(body, caller, operation, deadline) : TracedStarted(body, ShieldPromises.CreateVoid, caller, operation, deadline, span);

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task<TResult> Started<TResult>(Task<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Started(body, caller, operation, deadline) : (Task<TResult>)TracedStarted(body, ShieldPromises.Create<TResult>, caller, operation, deadline, span);

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        public static ValueTask Started(ValueTask body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Started(body, caller, operation, deadline) : new ValueTask(TracedStarted(body.AsTask(), ShieldPromises.CreateVoid, caller, operation, deadline, span));

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        public static ValueTask<TResult> Started<TResult>(ValueTask<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Started(body, caller, operation, deadline) : new ValueTask<TResult>((Task<TResult>)TracedStarted(body.AsTask(), ShieldPromises.Create<TResult>, caller, operation, deadline, span));

        /// <summary>
        /// <see cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/> for a call whose
        /// span <see cref="StartSpan"/> started: the caller gets its own <c>Activity.Current</c> back, and the span
        /// ends with the body.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task Returned(Task body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Returned(body, caller, operation, deadline) : TracedReturned(body, ShieldPromises.CreateVoid, caller, operation, deadline, span);

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task<TResult> Returned<TResult>(Task<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Returned(body, caller, operation, deadline) : (Task<TResult>)TracedReturned(body, ShieldPromises.Create<TResult>, caller, operation, deadline, span);

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        public static ValueTask Returned(ValueTask body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Returned(body, caller, operation, deadline) : new ValueTask(TracedReturned(body.AsTask(), ShieldPromises.CreateVoid, caller, operation, deadline, span));

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>
        public static ValueTask<TResult> Returned<TResult>(ValueTask<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            span is null ? Returned(body, caller, operation, deadline) : new ValueTask<TResult>((Task<TResult>)TracedReturned(body.AsTask(), ShieldPromises.Create<TResult>, caller, operation, deadline, span));

        static Task TracedStarted(Task body, Func<IShieldPromise> newPromise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan span)
        {
            ShieldActivities.Return(span);
            if (body.IsCompleted)
            {
                ShieldActivities.EndWhenDone(span, body, deadline);
                deadline?.Dispose();
                return body;
            }

            return Track(body, caller.CanBeCanceled ? newPromise() : null, caller, operation, deadline, span);
        }

        static Task TracedReturned(Task body, Func<IShieldPromise> newPromise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan span)
        {
            ShieldActivities.Return(span);
            if (body is null || body.IsCompleted)
            {
                ShieldActivities.EndWhenDone(span, body, deadline);
                deadline?.Dispose();
                return body!;
            }

            return TrackReturned(body, caller.CanBeCanceled ? newPromise() : null, caller, operation, deadline, span);
        }
    }
}
