using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OrderApi;
using Shield;

// dotnet run --project samples/OrderApi
Console.WriteLine("A client posts an order and gives up after 150 ms; the [Shield] save charges for 400 ms, then saves");
Console.WriteLine("through the request's DbContext.");
ShieldedOperations.UnobservedFault += (_, fault) =>
    Console.WriteLine($"    server: save lost: {fault.Exception.GetType().Name}: {fault.Exception.Message.Split('\n')[0].Trim()}");

var kept = await PostAndGiveUp(keepRequestScopes: true);
var lost = await PostAndGiveUp(keepRequestScopes: false);
return kept == 1 && lost == 0 ? 0 : 1;

static async Task<int> PostAndGiveUp(bool keepRequestScopes)
{
    Console.WriteLine();
    Console.WriteLine(keepRequestScopes ? "With app.UseShieldedRequestScopes():" : "Without it:");
    var database = Path.Combine(Path.GetTempPath(), $"orderapi-{Guid.NewGuid():N}.db");
    await using var app = OrderApp.Create(database, keepRequestScopes);
    using (var scope = app.Services.CreateScope())
    {
        scope.ServiceProvider.GetRequiredService<OrderDb>().Database.EnsureCreated();
    }

    await app.StartAsync();
    using var client = new HttpClient { BaseAddress = OrderApp.AddressOf(app), Timeout = TimeSpan.FromMilliseconds(150) };
    try
    {
        await client.PostAsJsonAsync("/orders", new NewOrder("book"));
    }
    catch (TaskCanceledException)
    {
        Console.WriteLine("    client: gave up after 150 ms");
    }

    // The save outlives the request: wait for it as a host does at shutdown.
    await ShieldedOperations.DrainAsync();
    int count;
    using (var scope = app.Services.CreateScope())
    {
        count = await scope.ServiceProvider.GetRequiredService<OrderDb>().Orders.CountAsync();
    }

    Console.WriteLine($"    orders in the database: {count}");
    await app.StopAsync();
    return count;
}
