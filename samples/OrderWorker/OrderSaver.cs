using Shield;

namespace OrderWorker;

/// <summary>Saves an order in several steps. Shielded: the intake may stop waiting, the save completes.</summary>
public sealed class OrderSaver(OrderDatabase database)
{
    static readonly TimeSpan StepTime = TimeSpan.FromMilliseconds(300);

    [Shield]
    public async Task SaveOrderAsync(int order, CancellationToken ct)
    {
        for (var step = 1; step <= OrderDatabase.Steps; step++)
        {
            // Slow I/O that honours the token it is given.
            await Task.Delay(StepTime, ct);
            await database.StoreStepAsync(order, step, ct);
            Console.WriteLine($"order {order}: step {step}/{OrderDatabase.Steps} stored");
        }
    }
}
