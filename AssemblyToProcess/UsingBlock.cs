using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class UsingBlock
    {
        sealed class Connection(Probe probe) : IDisposable
        {
            public void Dispose() => probe.Step("disposed");
        }

        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            using (new Connection(probe))
            {
                probe.Saw(ct);
                await probe.Gate(ct);
                ct.ThrowIfCancellationRequested();
                probe.Step("written");
            }

            probe.Step("saved");
            return 6;
        }
    }
}
