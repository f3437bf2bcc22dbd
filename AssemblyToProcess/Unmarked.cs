using System.Threading;
using System.Threading.Tasks;
using Fixtures;

namespace AssemblyToProcess
{
    public class Unmarked
    {
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            probe.Step("saved");
            return 11;
        }
    }
}
