using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class NonAsyncMethod
    {
        // Not async: every read of the token sees the body's token, and the returned task is proxied.
        [Shield]
        public Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            return Store(probe, ct);
        }

        // Not async, and throws instead of returning a task: the caller receives the exception itself.
        [Shield]
        public Task<int> RejectAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            if (!ct.IsCancellationRequested)
            {
                throw probe.Throwing(new System.ArgumentException("order is invalid"));
            }

            return Store(probe, ct);
        }

        // The same with a deadline, which the throw must release.
        [Shield(TimeoutMilliseconds = 5000)]
        public Task<int> RejectWithDeadlineAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            return ct.CanBeCanceled ? throw probe.Throwing(new System.ArgumentException("order is invalid")) : Store(probe, ct);
        }

        static async Task<int> Store(Probe probe, CancellationToken ct)
        {
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 13;
        }
    }
}
