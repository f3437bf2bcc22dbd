using System.Threading;
using System.Threading.Tasks;
using Fixtures;

namespace PatternFixtures.Orders
{
    public class OrderService
    {
        public async Task SaveAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            probe.Step("saved");
        }

        public async Task<int> CountAsync(Probe probe, CancellationToken ct)
        {
            await probe.Gate(ct);
            return 1;
        }

        // Matches the pattern but is not async: passed over.
        public Task PassThroughAsync(Probe probe, CancellationToken ct) => probe.Gate(ct);

        // Matches the pattern but has no token: passed over.
        public async Task WithoutTokenAsync(Probe probe) => await probe.Gate(CancellationToken.None);
    }

    public class OrderQueries
    {
        public async Task<int> FindAsync(Probe probe, CancellationToken ct)
        {
            probe.Step("started");
            await probe.Gate(ct);
            probe.Step("saved");
            return 2;
        }
    }
}

namespace PatternFixtures.Billing
{
    public class Invoices
    {
        public async Task SendAsync(Probe probe, CancellationToken ct) => await probe.Gate(ct);
    }
}
