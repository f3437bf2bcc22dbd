using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Shield;

namespace Shield.AspNetCore.Tests.Support;

public sealed class Order
{
    public int Id { get; set; }
}

public sealed class OrderDb(DbContextOptions<OrderDb> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();
}

/// <summary>A request-scoped service whose save is shielded: it adds the order, waits at its gate, then saves.</summary>
public sealed class OrderService(OrderDb db, Gates gates)
{
    [Shield]
    public async Task SaveAsync(int id, CancellationToken ct)
    {
        db.Orders.Add(new Order { Id = id });
        await gates.Enter(id);
        await db.SaveChangesAsync(ct);
        gates.Land(id);
    }
}
