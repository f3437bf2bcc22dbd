using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class ThrowAfterAwait
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("failing");
            throw probe.Throwing(new InvalidOperationException("disk full"));
        }
    }
}
