using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class ShieldedLambda
    {
        public Func<CancellationToken, Task<int>> Create(Probe probe) =>
            [Shield] async (CancellationToken token) =>
            {
                probe.Step("started");
                probe.Saw(token);
                await probe.Gate(token);
                token.ThrowIfCancellationRequested();
                probe.Step("saved");
                return 5;
            };
    }
}
