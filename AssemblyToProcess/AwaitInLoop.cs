using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class AwaitInLoop
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, int batches, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            var saved = 0;
            for (var i = 0; i < batches; i++)
            {
                await probe.Gate(ct);
                await Task.Yield();
                ct.ThrowIfCancellationRequested();
                saved++;
                probe.Step($"batch {i}");
            }

            probe.Step("saved");
            return saved;
        }
    }
}
