using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class TokenRegistration
    {
        [Shield]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            using (ct.Register(() => probe.Step("registration fired")))
            {
                probe.Saw(ct);
                await probe.Gate(ct);
            }

            probe.Step("saved");
            return 3;
        }
    }
}
