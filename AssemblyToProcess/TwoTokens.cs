using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class TwoTokens
    {
        [Shield]
        public async Task<string> SaveAsync(Probe probe, CancellationToken first, string order, CancellationToken second)
        {
            probe.Step("started");
            probe.Saw(first);
            probe.Saw(second);
            await probe.Gate(first);
            await probe.Gate(second);
            first.ThrowIfCancellationRequested();
            second.ThrowIfCancellationRequested();
            probe.Step("saved");
            return order;
        }
    }
}
