using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// The entry points that woven code calls. Shield.Fody emits these calls; they are public only so that woven
    /// assemblies can reach them, and are not meant to be called by hand.
    /// </summary>
    /// <remarks>
    /// A woven method keeps its caller's tokens aside (<see cref="CallerTokens(CancellationToken)"/>), gives its
    /// parameters the body's token (<see cref="CancellationToken.None"/> or <see cref="BodyToken(CancellationTokenSource)"/>),
    /// runs as compiled, and hands the body's task to <c>Started</c> (async state machines) or <c>Returned</c>
    /// (other task-returning methods), which return either that task or a proxy. The state machine of an async
    /// method reports its first suspension (<see cref="Suspending"/>) and its end, right before the builder sets the
    /// body's task (<c>Finishing</c>, <c>Faulting</c>) and right after (<c>Finished</c>, <c>Faulted</c>), so a body that
    /// completes synchronously costs one branch and no allocation. Every entry point stays once woven code calls it:
    /// assemblies woven by earlier versions run on this one.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class ShieldRuntime
    {
        /// <summary>Starts the body's deadline, or returns null when the operation has none.</summary>
        public static CancellationTokenSource? StartDeadline(ShieldedOperation operation) =>
            operation.TimeoutMilliseconds <= 0
                ? null
                : new DeadlineTokenSource(ShieldedOperations.TimeProvider, TimeSpan.FromMilliseconds(operation.TimeoutMilliseconds));

        /// <summary>The token the body receives: the deadline's, or one that never fires.</summary>
        public static CancellationToken BodyToken(CancellationTokenSource? deadline) => deadline?.Token ?? CancellationToken.None;

        /// <summary>
        /// The value a <c>CancellationToken?</c> parameter receives: null stays null unless there is a deadline.
        /// </summary>
        public static CancellationToken? BodyToken(CancellationToken? callerToken, CancellationTokenSource? deadline) =>
            callerToken.HasValue || deadline != null ? BodyToken(deadline) : (CancellationToken?)null;

        /// <summary>The caller's <c>CancellationToken?</c> as a token (null never fires).</summary>
        public static CancellationToken CallerToken(CancellationToken? token) => token.GetValueOrDefault();

        /// <summary>Keeps one caller token aside.</summary>
        public static ShieldCallerTokens CallerTokens(CancellationToken token) => new ShieldCallerTokens(token, default, null);

        /// <summary>Keeps two caller tokens aside.</summary>
        public static ShieldCallerTokens CallerTokens(CancellationToken first, CancellationToken second) => new ShieldCallerTokens(first, second, null);

        /// <summary>Keeps three or more caller tokens aside.</summary>
        public static ShieldCallerTokens CallerTokens(CancellationToken[] tokens)
        {
            if (tokens is null || tokens.Length < 3)
            {
                throw new ArgumentException("Use the overloads for one or two tokens.", nameof(tokens));
            }

            var rest = new CancellationToken[tokens.Length - 2];
            Array.Copy(tokens, 2, rest, 0, rest.Length);
            return new ShieldCallerTokens(tokens[0], tokens[1], rest);
        }

        /// <summary>Called by a state machine right before its body first suspends.</summary>
        public static void Suspending() => InFlightRegistry.Enter();

        /// <summary>Returns what the caller of an async method receives once its body has started.</summary>
        /// <remarks>Inlined into the woven method: a body that completed synchronously costs one test.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task Started(Task body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            return StillRunning(body, caller, operation, deadline);
        }

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task<TResult> Started<TResult>(Task<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            return StillRunning(body, caller, operation, deadline);
        }

        static Task StillRunning(Task body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
#if NET6_0_OR_GREATER
            if (deadline is null && WaitingCalls.CanWait(caller, out var token))
            {
                return WaitingCalls.Wait(body, operation, token);
            }
#endif
            return Track(body, caller.CanBeCanceled ? ShieldPromises.CreateVoid() : null, caller, operation, deadline, null);
        }

        static Task<TResult> StillRunning<TResult>(Task<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
#if NET6_0_OR_GREATER
            if (deadline is null && WaitingCalls.CanWait(caller, out var token))
            {
                return WaitingCalls.Wait(body, operation, token);
            }
#endif
            return (Task<TResult>)Track(body, caller.CanBeCanceled ? ShieldPromises.Create<TResult>() : null, caller, operation, deadline, null);
        }

        /// <summary>
        /// Records a state machine's body that is still running and returns what its caller receives: the proxy, or the
        /// body's own task when the caller cannot cancel or the body ended before it was recorded (its span then ends
        /// here). Its entry, if it needs one, is kept under the body, which its end names.
        /// </summary>
        static Task Track(Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span) =>
            Track(body, body, promise, caller, operation, deadline, span);

        /// <summary>Records a body that is still running, its entry (if it needs one) kept under <paramref name="key"/>.</summary>
        static Task Track(object key, Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span)
        {
            if (InFlightRegistry.Track(key, body, promise, caller, operation, deadline, span))
            {
                return promise?.Task ?? body;
            }

            if (span != null)
            {
                ShieldActivities.EndWhenDone(span, body, deadline);
            }

            return body;
        }

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        public static ValueTask Started(ValueTask body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            var task = body.AsTask();
            var shielded = StillRunning(task, caller, operation, deadline);
            return ReferenceEquals(shielded, task) ? body : new ValueTask(shielded);
        }

        /// <inheritdoc cref="Started(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        public static ValueTask<TResult> Started<TResult>(ValueTask<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            var task = body.AsTask();
            var shielded = StillRunning(task, caller, operation, deadline);
            return ReferenceEquals(shielded, task) ? body : new ValueTask<TResult>(shielded);
        }

        /// <summary>
        /// Called by a state machine that suspended, right before its builder sets the body's result: the call stops
        /// counting as in flight before anyone awaiting the body's task can resume. Assemblies woven before
        /// <see cref="Finishing(Task)"/> existed call this, then <see cref="Completed(Task)"/>.
        /// </summary>
        public static void Completing(Task body) => CallEnd.Ending(body, null);

        /// <inheritdoc cref="Completing(Task)"/>
        public static void Completing(ValueTask body) => CallEnd.Ending(body.AsTask(), null);

        /// <inheritdoc cref="Completing(Task)"/>
        public static void Completing<TResult>(ValueTask<TResult> body) => CallEnd.Ending(body.AsTask(), null);

        /// <summary>
        /// Called by a state machine that suspended, right before its builder sets the body's result: the call stops
        /// counting as in flight before anyone awaiting the body's task can resume. Returns whether the end left
        /// something on this thread that <see cref="Finished(Task, bool)"/> must take (the call's entry); woven code keeps
        /// the answer in a local and passes it on, so the common end takes no lookup after the result is set.
        /// </summary>
        public static bool Finishing(Task body) => CallEnd.Finishing(body);

        /// <inheritdoc cref="Finishing(Task)"/>
        public static bool Finishing(ValueTask body) => CallEnd.Finishing(body.AsTask());

        /// <inheritdoc cref="Finishing(Task)"/>
        public static bool Finishing<TResult>(ValueTask<TResult> body) => CallEnd.Finishing(body.AsTask());

        /// <summary>
        /// Called by a state machine after its builder set the body's result, with what <see cref="Finishing(Task)"/>
        /// returned: hands the result to the caller's proxy when the call has one.
        /// </summary>
        public static void Finished(Task body, bool handedOver) => CallEnd.Finished(body, handedOver);

        /// <inheritdoc cref="Finished(Task, bool)"/>
        public static void Finished(ValueTask body, bool handedOver) => CallEnd.Finished(body.AsTask(), handedOver);

        /// <inheritdoc cref="Finished(Task, bool)"/>
        public static void Finished<TResult>(ValueTask<TResult> body, bool handedOver) => CallEnd.Finished(body.AsTask(), handedOver);

        /// <summary>
        /// Called by a state machine that suspended, right before its builder ends the body's task with
        /// <paramref name="exception"/>: a fault its caller walked away from is reported before the call stops counting.
        /// </summary>
        public static void Faulting(Task body, Exception exception) => CallEnd.Ending(body, exception);

        /// <inheritdoc cref="Faulting(Task, Exception)"/>
        public static void Faulting(ValueTask body, Exception exception) => CallEnd.Ending(body.AsTask(), exception);

        /// <inheritdoc cref="Faulting(Task, Exception)"/>
        public static void Faulting<TResult>(ValueTask<TResult> body, Exception exception) => CallEnd.Ending(body.AsTask(), exception);

        /// <summary>
        /// Called by a state machine after its builder completed the body's task with a result, in assemblies woven
        /// before <see cref="Finished(Task, bool)"/> existed: hands it to the caller's proxy. Assemblies woven before
        /// <see cref="Completing(Task)"/> existed call only this, which then ends the call first.
        /// </summary>
        public static void Completed(Task body) => CallEnd.Ended(body, null);

        /// <inheritdoc cref="Completed(Task)"/>
        public static void Completed<TResult>(Task<TResult> body) => CallEnd.Ended(body, null);

        /// <inheritdoc cref="Completed(Task)"/>
        public static void Completed(ValueTask body) => CallEnd.Ended(body.AsTask(), null);

        /// <inheritdoc cref="Completed(Task)"/>
        public static void Completed<TResult>(ValueTask<TResult> body) => CallEnd.Ended(body.AsTask(), null);

        /// <summary>
        /// Called by a state machine after its builder ended the body's task with <paramref name="exception"/>: hands
        /// it to the caller's proxy. Assemblies woven before <see cref="Faulting(Task, Exception)"/> existed call only
        /// this, which then ends the call first.
        /// </summary>
        public static void Faulted(Task body, Exception exception) => CallEnd.Ended(body, exception);

        /// <inheritdoc cref="Faulted(Task, Exception)"/>
        public static void Faulted(ValueTask body, Exception exception) => CallEnd.Ended(body.AsTask(), exception);

        /// <inheritdoc cref="Faulted(Task, Exception)"/>
        public static void Faulted<TResult>(ValueTask<TResult> body, Exception exception) => CallEnd.Ended(body.AsTask(), exception);

        /// <summary>Returns what the caller of a task-returning method that is not a state machine receives.</summary>
        /// <remarks>Inlined into the woven method: a body that completed synchronously costs one test and no allocation.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task Returned(Task body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body is null || body.IsCompleted)
            {
                deadline?.Dispose();
                return body!;
            }

            return TrackReturned(body, caller.CanBeCanceled ? ShieldPromises.CreateVoid() : null, caller, operation, deadline, null);
        }

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Task<TResult> Returned<TResult>(Task<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body is null || body.IsCompleted)
            {
                deadline?.Dispose();
                return body!;
            }

            return (Task<TResult>)TrackReturned(body, caller.CanBeCanceled ? ShieldPromises.Create<TResult>() : null, caller, operation, deadline, null);
        }

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        public static ValueTask Returned(ValueTask body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            return new ValueTask(Returned(body.AsTask(), caller, operation, deadline));
        }

        /// <inheritdoc cref="Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource)"/>
        public static ValueTask<TResult> Returned<TResult>(ValueTask<TResult> body, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline)
        {
            if (body.IsCompleted)
            {
                deadline?.Dispose();
                return body;
            }

            return new ValueTask<TResult>(Returned(body.AsTask(), caller, operation, deadline));
        }

        /// <summary>
        /// Counts and records a body that is still running and ends it from its first continuation. The continuation is
        /// made here, off the synchronous path, and is the call's key: the task may be another call's too.
        /// </summary>
        static Task TrackReturned(Task body, IShieldPromise? promise, ShieldCallerTokens caller, ShieldedOperation operation, CancellationTokenSource? deadline, ShieldSpan? span)
        {
            InFlightRegistry.Enter();
            var end = new ReturnedEnd(body);
            var shielded = Track(end, body, promise, caller, operation, deadline, span);
            body.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(end.Run);
            return shielded;
        }

        /// <summary>
        /// The end of a continuation-tracked call. It runs as the body's first continuation, so the call has stopped
        /// counting before a caller that awaits the body's own task resumes, unless the runtime schedules this
        /// continuation instead of running it inline (a deep stack); a caller holding the proxy always resumes after.
        /// </summary>
        sealed class ReturnedEnd
        {
            readonly Task _body;

            public ReturnedEnd(Task body) => _body = body;

            public void Run() =>
                CallEnd.EndedFromContinuation(this, _body, _body.Status == TaskStatus.RanToCompletion ? null : ExceptionOf(_body));
        }

        static Exception ExceptionOf(Task body)
        {
            if (body.IsFaulted)
            {
                return body.Exception!.InnerExceptions[0];
            }

            // A canceled task keeps the exception it was canceled with; awaiting it is the only public way to get it.
            try
            {
                body.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException canceled)
            {
                return canceled;
            }

            throw new InvalidOperationException("A task that neither ran to completion nor faulted must be canceled.");
        }
    }
}
