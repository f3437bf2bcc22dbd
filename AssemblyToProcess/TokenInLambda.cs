using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class TokenInLambda
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            Func<Task> waitAtGate = () =>
            {
                probe.Saw(ct);
                return probe.Gate(ct);
            };
            await waitAtGate();
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 1;
        }
    }
}
