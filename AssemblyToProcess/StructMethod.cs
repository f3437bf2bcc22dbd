using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public struct StructMethod
    {
        public int Total;

        [Shield]
        public async Task<int> AddAsync(Probe probe, int amount, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            Total += amount;
            probe.Step("saved");
            return Total;
        }
    }
}
