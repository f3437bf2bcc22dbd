using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class ThrowBeforeAwait
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            if (probe != null)
            {
                throw probe.Throwing(new ArgumentException("order is invalid"));
            }

            await probe!.Gate(ct);
            return 7;
        }
    }
}
