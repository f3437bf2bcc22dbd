using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace Shield.Benchmarks.Subjects;

/// <summary>
/// <see cref="Orders.ShieldedCountAsync"/> as the weave wrote it before tracing: the same runtime calls
/// (<c>CallerTokens</c>, then <c>Started</c> without a span) around the same body, which is inlined so that the
/// comparison is not flattered by an extra call. Its state machine lacks the woven end hooks, which only makes this
/// baseline a little cheaper than the real one was.
/// </summary>
public class WithoutTracingSupport
{
    static readonly ShieldedOperation s_operation = new("Shield.Benchmarks.Subjects.WithoutTracingSupport.ShieldedCountAsync", 0);

    public Task<int> ShieldedCountAsync(CancellationToken ct)
    {
        var caller = ShieldRuntime.CallerTokens(ct);
        return ShieldRuntime.Started(CountAsync(CancellationToken.None), caller, s_operation, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static async Task<int> CountAsync(CancellationToken ct)
    {
        await Task.CompletedTask;
        return ct.IsCancellationRequested ? 0 : 1;
    }
}
