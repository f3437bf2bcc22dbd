using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class ByRefToken
    {
        [Shield]
        public Task ByRef(ref CancellationToken ct)
        { // expect SHIELD004 AssemblyWithMisuses.ByRefToken.ByRef
            return Task.Delay(1, ct);
        }

        [Shield]
        public Task ByIn(in CancellationToken ct)
        { // expect SHIELD004 AssemblyWithMisuses.ByRefToken.ByIn
            return Task.Delay(1, ct);
        }

        [Shield]
        public Task ByOut(out CancellationToken ct)
        { // expect SHIELD004 AssemblyWithMisuses.ByRefToken.ByOut
            ct = CancellationToken.None;
            return Task.CompletedTask;
        }
    }
}
