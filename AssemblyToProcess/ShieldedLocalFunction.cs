using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class ShieldedLocalFunction
    {
        public Task<int> RunAsync(Probe probe, CancellationToken ct)
        {
            return SaveAsync(ct);

            [Shield]
            async Task<int> SaveAsync(CancellationToken token)
            {
                probe.Step("started");
                probe.Saw(token);
                await probe.Gate(token);
                token.ThrowIfCancellationRequested();
                probe.Step("saved");
                return 4;
            }
        }
    }
}
