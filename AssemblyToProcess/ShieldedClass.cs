using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    [Shield]
    public class ShieldedClass
    {
        public async Task<int> SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return 9;
        }

        // Not async: a [Shield] type selects only async methods.
        public Task PassThroughAsync(Probe probe, CancellationToken ct) => StoreAsync(probe, ct);

        // No token: nothing to shield, passed over without a warning.
        public async Task<int> WithoutTokenAsync(Probe probe)
        {
            await probe.Gate(CancellationToken.None);
            return 10;
        }

        // A lambda is shielded only when it carries [Shield] itself.
        public Func<CancellationToken, Task> Lambda(Probe probe) => async token => await probe.Gate(token);

        public Task LocalFunction(Probe probe, CancellationToken ct)
        {
            return Local(ct);

            async Task Local(CancellationToken token) => await probe.Gate(token);
        }

        // Private and static methods count: every async method declared in the type with a token.
        static async Task StoreAsync(Probe probe, CancellationToken ct) => await probe.Gate(ct);

        // A nested type is shielded only when it carries [Shield] itself.
        public class Nested
        {
            public async Task SaveAsync(Probe probe, CancellationToken ct) => await probe.Gate(ct);
        }
    }
}
