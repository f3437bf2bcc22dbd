using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace AssemblyWithMisuses
{
    /// <summary>A custom task-like type: an async method can return it, Shield cannot proxy it.</summary>
    [AsyncMethodBuilder(typeof(TaskLikeBuilder))]
    public readonly struct TaskLike
    {
        public TaskLike(Task task) => Task = task;

        public Task Task { get; }

        public TaskAwaiter GetAwaiter() => Task.GetAwaiter();
    }

    public struct TaskLikeBuilder
    {
        AsyncTaskMethodBuilder _inner;

        public static TaskLikeBuilder Create() => default;

        public TaskLike Task => new TaskLike(_inner.Task);

        public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine => _inner.Start(ref stateMachine);

        public void SetStateMachine(IAsyncStateMachine stateMachine) => _inner.SetStateMachine(stateMachine);

        public void SetResult() => _inner.SetResult();

        public void SetException(Exception exception) => _inner.SetException(exception);

        public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
            where TAwaiter : INotifyCompletion
            where TStateMachine : IAsyncStateMachine => _inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

        public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
            where TAwaiter : ICriticalNotifyCompletion
            where TStateMachine : IAsyncStateMachine => _inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
    }
}
