using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace OrderSaver;

/// <summary>The order save as most code is written: it stops wherever the caller's token fires.</summary>
public sealed class PlainCheckout(OrderStore store)
{
    public async Task SaveOrderAsync(int order, CancellationToken ct)
    {
        await store.StepAsync($"reserve stock #{order}", ct);
        await store.StepAsync($"charge card #{order}", ct);
        await store.StepAsync($"write order #{order}", ct);
    }
}

/// <summary>The same code with [Shield]: the caller may stop waiting, the save runs to completion.</summary>
public sealed class ShieldedCheckout(OrderStore store)
{
    [Shield]
    public async Task SaveOrderAsync(int order, CancellationToken ct)
    {
        await store.StepAsync($"reserve stock #{order}", ct);
        await store.StepAsync($"charge card #{order}", ct);
        await store.StepAsync($"write order #{order}", ct);
    }
}
