using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class NullableToken
    {
        [Shield]
        public async Task<bool> SaveAsync(Probe probe, CancellationToken? ct)
        {
            probe.Step(ct.HasValue ? "has token" : "null token");
            var token = ct ?? CancellationToken.None;
            probe.Saw(token);
            await probe.Gate(token);
            token.ThrowIfCancellationRequested();
            probe.Step("saved");
            return ct.HasValue;
        }
    }
}
