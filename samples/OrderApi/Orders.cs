using Microsoft.EntityFrameworkCore;
using Shield;

namespace OrderApi;

public sealed class Order
{
    public int Id { get; set; }

    public string Item { get; set; } = "";
}

public sealed record NewOrder(string Item);

public sealed class OrderDb(DbContextOptions<OrderDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

/// <summary>A request-scoped service: its save must finish once started, whether or not the client still waits.</summary>
public sealed class Orders(OrderDb db)
{
    [Shield]
    public async Task<int> SaveAsync(string item, CancellationToken ct)
    {
        var order = new Order { Item = item };
        db.Orders.Add(order);
        await ChargeAsync(ct);
        await db.SaveChangesAsync(ct);
        Console.WriteLine($"    server: order {order.Id} ({item}) saved");
        return order.Id;
    }

    /// <summary>Stands for a 400 ms call to a payment service.</summary>
    static Task ChargeAsync(CancellationToken ct) => Task.Delay(400, ct);
}
