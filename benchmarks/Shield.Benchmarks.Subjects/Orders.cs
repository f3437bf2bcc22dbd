using System.Threading;
using System.Threading.Tasks;
using Shield;

// Compiled twice: here, as state machines, and by Shield.Benchmarks.Subjects.RuntimeAsync as runtime-async methods.
#if RUNTIME_ASYNC
namespace Shield.Benchmarks.Subjects.RuntimeAsync;
#else
namespace Shield.Benchmarks.Subjects;
#endif

/// <summary>Three bodies, each as written and shielded: the only difference between a pair is [Shield].</summary>
public class Orders
{
    /// <summary>Completes before its first suspension, with a result the builder caches.</summary>
    public async Task<int> CountAsync(CancellationToken ct)
    {
        await Task.CompletedTask;
        return ct.IsCancellationRequested ? 0 : 1;
    }

    [Shield]
    public async Task<int> ShieldedCountAsync(CancellationToken ct)
    {
        await Task.CompletedTask;
        return ct.IsCancellationRequested ? 0 : 1;
    }

    /// <summary>Suspends once and resumes on the thread pool, as a body waiting for I/O does.</summary>
    public async Task<int> SaveAsync(CancellationToken ct)
    {
        await Task.Yield();
        return ct.IsCancellationRequested ? 0 : 1;
    }

    [Shield]
    public async Task<int> ShieldedSaveAsync(CancellationToken ct)
    {
        await Task.Yield();
        return ct.IsCancellationRequested ? 0 : 1;
    }

    /// <summary>Suspends until its gate opens: lets a caller walk away while it waits.</summary>
    public async Task<int> StoreAsync(Task gate, CancellationToken ct)
    {
        await gate;
        return ct.IsCancellationRequested ? 0 : 1;
    }

    [Shield]
    public async Task<int> ShieldedStoreAsync(Task gate, CancellationToken ct)
    {
        await gate;
        return ct.IsCancellationRequested ? 0 : 1;
    }
}
