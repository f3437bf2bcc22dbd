using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class CustomBuilder
    {
        [Shield]
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<int> PooledAsync(CancellationToken ct)
        { // expect SHIELD013 AssemblyWithMisuses.CustomBuilder.PooledAsync
            await Task.Delay(1, ct);
            return 1;
        }

        // Not a misuse: an Include pattern that selects it passes it over, as it passes over every method it cannot shield.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<int> PooledWithoutShieldAsync(CancellationToken ct)
        {
            await Task.Delay(1, ct);
            return 1;
        }
    }
}
