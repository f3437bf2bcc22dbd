using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace Shield.Benchmarks.Subjects;

/// <summary>
/// <see cref="Orders.ShieldedCountAsync"/> as the weave writes it, less what tracing added: the kickoff keeps the
/// caller's token aside, gives the body <c>CancellationToken.None</c> and hands the body's task to <c>Started</c>
/// without a span, and the state machine carries the woven hooks (<c>Suspending</c> at the first suspension, the
/// end's <c>Finishing</c>/<c>Finished</c> and <c>Faulting</c>/<c>Faulted</c> once suspended), written out by hand
/// as the compiler and the weave lay them out in Release. The tracing benchmarks compare the real woven method with
/// this one, so the difference is the span check and nothing else.
/// </summary>
public class WithoutTracingSupport
{
    static readonly ShieldedOperation s_operation = new("Shield.Benchmarks.Subjects.WithoutTracingSupport.ShieldedCountAsync", 0);

    public Task<int> ShieldedCountAsync(CancellationToken ct)
    {
        var caller = ShieldRuntime.CallerTokens(ct);
        ct = CancellationToken.None;
        CountStateMachine stateMachine = default;
        stateMachine.Builder = AsyncTaskMethodBuilder<int>.Create();
        stateMachine.Ct = ct;
        stateMachine.State = -1;
        stateMachine.Builder.Start(ref stateMachine);
        return ShieldRuntime.Started(stateMachine.Builder.Task, caller, s_operation, null);
    }

    /// <summary>The state machine of <c>await Task.CompletedTask; return ct.IsCancellationRequested ? 0 : 1;</c>, with the woven hooks.</summary>
    [StructLayout(LayoutKind.Auto)]
    struct CountStateMachine : IAsyncStateMachine
    {
        public int State;
        public AsyncTaskMethodBuilder<int> Builder;
        public CancellationToken Ct;
        TaskAwaiter _awaiter;

        public void MoveNext()
        {
            var firstRun = State == -1;
            int result;
            try
            {
                TaskAwaiter awaiter;
                if (State != 0)
                {
                    awaiter = Task.CompletedTask.GetAwaiter();
                    if (!awaiter.IsCompleted)
                    {
                        State = 0;
                        _awaiter = awaiter;
                        if (firstRun)
                        {
                            ShieldRuntime.Suspending();
                        }

                        Builder.AwaitUnsafeOnCompleted(ref awaiter, ref this);
                        return;
                    }
                }
                else
                {
                    awaiter = _awaiter;
                    _awaiter = default;
                    State = -1;
                }

                awaiter.GetResult();
                result = Ct.IsCancellationRequested ? 0 : 1;
            }
            catch (Exception exception)
            {
                State = -2;
                if (!firstRun)
                {
                    ShieldRuntime.Faulting(Builder.Task, exception);
                }

                Builder.SetException(exception);
                if (!firstRun)
                {
                    ShieldRuntime.Faulted(Builder.Task, exception);
                }

                return;
            }

            State = -2;
            var handedOver = false;
            if (!firstRun)
            {
                handedOver = ShieldRuntime.Finishing(Builder.Task);
            }

            Builder.SetResult(result);
            if (!firstRun)
            {
                ShieldRuntime.Finished(Builder.Task, handedOver);
            }
        }

        public void SetStateMachine(IAsyncStateMachine stateMachine) => Builder.SetStateMachine(stateMachine);
    }
}
