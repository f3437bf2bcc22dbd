using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD002: Shield proxies Task, Task&lt;T&gt;, ValueTask and ValueTask&lt;T&gt; only.</summary>
public class UnsupportedReturnTypeTests
{
    const string TaskLike = """
        [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(TaskLikeBuilder))]
        public readonly struct TaskLike
        {
            public System.Runtime.CompilerServices.TaskAwaiter GetAwaiter() => default;
        }

        public struct TaskLikeBuilder
        {
            public static TaskLikeBuilder Create() => default;
            public TaskLike Task => default;
            public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : System.Runtime.CompilerServices.IAsyncStateMachine { }
            public void SetStateMachine(System.Runtime.CompilerServices.IAsyncStateMachine stateMachine) { }
            public void SetResult() { }
            public void SetException(System.Exception exception) { }
            public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
                where TAwaiter : System.Runtime.CompilerServices.INotifyCompletion
                where TStateMachine : System.Runtime.CompilerServices.IAsyncStateMachine { }
            public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
                where TAwaiter : System.Runtime.CompilerServices.ICriticalNotifyCompletion
                where TStateMachine : System.Runtime.CompilerServices.IAsyncStateMachine { }
        }
        """;

    [Test]
    public Task PlainValue() => Analyzer("""
        using System.Threading;
        using Shield;

        public class Orders
        {
            [Shield]
            public int {|#0:Count|}(CancellationToken ct) => 0;
        }
        """,
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 0, "Orders.Count", "Int32"));

    [Test]
    public Task VoidMethodThatIsNotAsync() => Analyzer("""
        using System.Threading;
        using Shield;

        public class Orders
        {
            [Shield]
            public void {|#0:Save|}(CancellationToken ct) { }
        }
        """,
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 0, "Orders.Save", "Void"));

    [Test]
    public Task AsyncIterator() => Analyzer("""
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async IAsyncEnumerable<int> {|#0:StreamAsync|}([EnumeratorCancellation] CancellationToken ct)
            {
                await Task.Delay(1, ct);
                yield return 1;
            }
        }
        """,
        Diagnostic(ShieldDescriptors.AsyncIterator, 0, "Orders.StreamAsync", "IAsyncEnumerable<Int32>"));

    [Test]
    public Task AsyncEnumerableThatIsNotAnIterator() => Analyzer("""
        using System.Collections.Generic;
        using System.Threading;
        using Shield;

        public class Orders
        {
            [Shield]
            public IAsyncEnumerable<int> {|#0:Stream|}(CancellationToken ct) => null!;
        }
        """,
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 0, "Orders.Stream", "IAsyncEnumerable<Int32>"));

    [Test]
    public Task CustomTaskLikeAsyncOrNot() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async TaskLike {|#0:SaveAsync|}(CancellationToken ct) => await Task.Delay(1, ct);

            [Shield]
            public TaskLike {|#1:Save|}(CancellationToken ct) => default;
        }
        """ + TaskLike,
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 0, "Orders.SaveAsync", "TaskLike"),
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 1, "Orders.Save", "TaskLike"));

    [Test]
    public Task LambdaReturningAValue() => Analyzer("""
        using System;
        using System.Threading;
        using Shield;

        public class Orders
        {
            public Func<CancellationToken, bool> Check = [{|#0:Shield|}] (CancellationToken ct) => ct.CanBeCanceled;
        }
        """,
        Diagnostic(ShieldDescriptors.UnsupportedReturnType, 0, "Orders.ctor.<lambda>", "Boolean"));

    [Test]
    public Task TheFourTaskTypesAsyncOrNotAreFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield] public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
            [Shield] public async Task<int> CountAsync(CancellationToken ct) { await Task.Delay(1, ct); return 1; }
            [Shield] public async ValueTask FlushAsync(CancellationToken ct) => await Task.Delay(1, ct);
            [Shield] public async ValueTask<string> NameAsync(CancellationToken ct) { await Task.Delay(1, ct); return ""; }

            [Shield] public Task Save(CancellationToken ct) => Task.Delay(1, ct);
            [Shield] public Task<int> Count(CancellationToken ct) => Task.FromResult(1);
            [Shield] public ValueTask Flush(CancellationToken ct) => default;
            [Shield] public ValueTask<string> Name(CancellationToken ct) => new("");
        }
        """);
}
