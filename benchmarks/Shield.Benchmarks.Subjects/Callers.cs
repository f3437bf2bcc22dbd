using System;
using System.Threading;
using System.Threading.Tasks;

namespace Shield.Benchmarks.Subjects;

/// <summary>How the benchmarks and the allocation tests call a subject whose caller stops waiting.</summary>
public static class Callers
{
    /// <summary>
    /// Calls with a token that fires while the body waits at its gate, then opens the gate and waits for the
    /// caller's task, which ends canceled (shielded, by hand) or with the body's cancellation (unwoven).
    /// </summary>
    public static async Task WalkAwayFrom(Func<Task, CancellationToken, Task<int>> call)
    {
        var gate = new TaskCompletionSource();
        using var caller = new CancellationTokenSource();
        var task = call(gate.Task, caller.Token);
        caller.Cancel();
        gate.SetResult();
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
