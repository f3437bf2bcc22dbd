using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class Deadline
    {
        [Shield(TimeoutMilliseconds = 5000)]
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            probe.Step("saved");
            return 14;
        }

        [Shield(TimeoutMilliseconds = 5000)]
        public async Task<bool> SaveNullableAsync(Probe probe, CancellationToken? ct)
        {
            probe.Step(ct.HasValue ? "has token" : "null token");
            probe.Saw(ct ?? CancellationToken.None);
            await probe.Gate(ct ?? CancellationToken.None);
            probe.Step("saved");
            return ct.HasValue;
        }

        [Shield(TimeoutMilliseconds = 5000)]
        public async Task<int> CompleteAtOnceAsync(Probe probe, CancellationToken ct)
        {
            probe.Saw(ct);
            await Task.CompletedTask;
            return 15;
        }
    }
}
