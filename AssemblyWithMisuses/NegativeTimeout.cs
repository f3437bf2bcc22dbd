using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class NegativeTimeout
    {
        [Shield(TimeoutMilliseconds = -5)]
        public async Task SaveAsync(CancellationToken ct)
        { // expect SHIELD015 AssemblyWithMisuses.NegativeTimeout.SaveAsync
            await Task.Delay(1, ct);
        }
    }
}
