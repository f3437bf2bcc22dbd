#if NET8_0_OR_GREATER
using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// A promise that is a TaskCompletionSource (24 bytes beside its task): the caller walking away cancels it with
    /// the caller's token and no exception object, as Task.WaitAsync does. A body that ended canceled is mirrored
    /// with TrySetFromTask, which keeps the body's own OperationCanceledException; that API arrived in .NET 9, so it
    /// is looked up once and the builder promise is used where it is missing.
    /// </summary>
    internal sealed class CompletionSourcePromise<TResult> : TaskCompletionSource<TResult>, IShieldPromise
    {
        static readonly Func<TaskCompletionSource<TResult>, Task<TResult>, bool>? s_trySetFromTask = FindTrySetFromTask();

        public static bool IsSupported => s_trySetFromTask != null;

        Task IShieldPromise.Task => Task;

        public bool TryWalkAway(CancellationToken token) => TrySetCanceled(token);

        public bool TryComplete(Task body) => TrySetResult(((Task<TResult>)body).Result);

        public bool TryFault(Task body, Exception exception) =>
            exception is OperationCanceledException ? s_trySetFromTask!(this, (Task<TResult>)body) : TrySetException(exception);

        [DynamicDependency("TrySetFromTask", typeof(TaskCompletionSource<>))]
        static Func<TaskCompletionSource<TResult>, Task<TResult>, bool>? FindTrySetFromTask() =>
            typeof(TaskCompletionSource<TResult>).GetMethod("TrySetFromTask", [typeof(Task<TResult>)])
                ?.CreateDelegate<Func<TaskCompletionSource<TResult>, Task<TResult>, bool>>();
    }

    /// <inheritdoc cref="CompletionSourcePromise{TResult}"/>
    internal sealed class CompletionSourcePromise : TaskCompletionSource, IShieldPromise
    {
        static readonly Func<TaskCompletionSource, Task, bool>? s_trySetFromTask = FindTrySetFromTask();

        public static bool IsSupported => s_trySetFromTask != null;

        Task IShieldPromise.Task => Task;

        public bool TryWalkAway(CancellationToken token) => TrySetCanceled(token);

        public bool TryComplete(Task body) => TrySetResult();

        public bool TryFault(Task body, Exception exception) =>
            exception is OperationCanceledException ? s_trySetFromTask!(this, body) : TrySetException(exception);

        [DynamicDependency("TrySetFromTask", typeof(TaskCompletionSource))]
        static Func<TaskCompletionSource, Task, bool>? FindTrySetFromTask() =>
            typeof(TaskCompletionSource).GetMethod("TrySetFromTask", [typeof(Task)])
                ?.CreateDelegate<Func<TaskCompletionSource, Task, bool>>();
    }
}
#endif
