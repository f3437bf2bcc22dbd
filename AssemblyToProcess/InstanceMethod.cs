using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class InstanceMethod
    {
        readonly int _saved = 42;

        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return _saved;
        }
    }
}
