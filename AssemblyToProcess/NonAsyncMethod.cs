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

        static async Task<int> Store(Probe probe, CancellationToken ct)
        {
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 13;
        }
    }
}
