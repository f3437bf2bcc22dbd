using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class AsyncVoid
    {
        [Shield]
        public async void Fire(CancellationToken ct)
        { // expect SHIELD001 AssemblyWithMisuses.AsyncVoid.Fire
            await Task.Delay(1, ct);
        }
    }
}
