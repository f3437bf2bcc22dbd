using System.Threading;
using System.Threading.Tasks;

namespace Shield.Benchmarks.Subjects;

/// <summary>
/// Calls to the unwoven bodies of <see cref="Orders"/>, as code calls a package's methods: this project's Calls
/// pattern shields each call here, and nothing else calls those bodies in this assembly.
/// </summary>
public class CallSites
{
    readonly Orders _orders = new();

    public Task<int> CountAsync(CancellationToken ct) => _orders.CountAsync(ct);

    public Task<int> SaveAsync(CancellationToken ct) => _orders.SaveAsync(ct);

    public Task<int> StoreAsync(Task gate, CancellationToken ct) => _orders.StoreAsync(gate, ct);
}
