using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class TokenInLocalFunction
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            await WaitAtGate();
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 2;

            async Task WaitAtGate()
            {
                probe.Saw(ct);
                await probe.Gate(ct);
            }
        }
    }
}
