using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    /// <summary>A method the weaver accepts beside the misuses, so a test can check that it was still woven.</summary>
    public class Accepted
    {
        [Shield]
        public async Task SaveAsync(CancellationToken ct)
        {
            await Task.Delay(1, ct);
        }
    }
}
