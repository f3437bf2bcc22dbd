using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    // Not async: each call ends from a continuation on the task it returns, which another shielded call may be
    // tracking too.
    public class SharedTask
    {
        // Every caller gets the same running task, as from a cache or a single flight.
        [Shield]
        public Task<int> LoadAsync(Task<int> shared, CancellationToken ct) => ct.IsCancellationRequested ? Task.FromResult(0) : shared;

        // The task of a shielded async method, whose deadline gives that call an entry of its own.
        [Shield]
        public Task<int> ForwardAsync(Probe probe, CancellationToken ct) => new Deadline().SaveAsync(probe, ct);
    }
}
