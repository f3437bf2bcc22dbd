using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class CanceledBody
    {
        [Shield]
        public async Task SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("giving up");
            throw probe.Throwing(new OperationCanceledException("the store went away", new TimeoutException("no answer")));
        }
    }
}
