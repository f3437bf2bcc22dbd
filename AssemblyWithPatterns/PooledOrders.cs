using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;

namespace PatternFixtures.Orders
{
    /// <summary>Matches the pattern but is built by a pooling builder: passed over, with no error (SHIELD013 is for [Shield]).</summary>
    public class PooledOrderService
    {
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<int> ReadAsync(Probe probe, CancellationToken ct)
        {
            await probe.Gate(ct);
            return 3;
        }
    }
}
