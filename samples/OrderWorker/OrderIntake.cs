using Microsoft.Extensions.Hosting;

namespace OrderWorker;

/// <summary>Accepts an order at a steady rate and hands it to the saver without waiting for the save.</summary>
public sealed class OrderIntake(OrderSaver saver) : BackgroundService
{
    static readonly TimeSpan Rate = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var order = 1; !stoppingToken.IsCancellationRequested; order++)
        {
            Console.WriteLine($"accepted order {order}");
            _ = SaveAsync(order, stoppingToken);
            try
            {
                await Task.Delay(Rate, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("intake stopped accepting orders");
            }
        }
    }

    async Task SaveAsync(int order, CancellationToken stoppingToken)
    {
        try
        {
            await saver.SaveOrderAsync(order, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"order {order}: the intake stopped waiting");
        }
    }
}
