using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class SynchronousCompletion
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await Task.CompletedTask;
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 8;
        }
    }
}
