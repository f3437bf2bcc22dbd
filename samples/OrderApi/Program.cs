using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OrderApi;
using Shield;

// dotnet run --project samples/OrderApi [-- --trace]
var trace = args.Contains("--trace");
Console.WriteLine("A client posts an order and waits, then posts another and gives up after 150 ms. The [Shield] save");
Console.WriteLine("charges for 400 ms, then saves through the request's DbContext.");
ShieldedOperations.UnobservedFault += (_, fault) =>
    Console.WriteLine($"    server: save lost: {fault.Exception.GetType().Name}: {fault.Exception.Message.Split(". ")[0]}.");

var landedWith = await PostAndGiveUp(keepRequestScopes: true, trace);
var landedWithout = await PostAndGiveUp(keepRequestScopes: false, trace);
return landedWith && !landedWithout ? 0 : 1;

/// <summary>Returns whether the abandoned order landed.</summary>
static async Task<bool> PostAndGiveUp(bool keepRequestScopes, bool trace)
{
    Console.WriteLine();
    Console.WriteLine(keepRequestScopes ? "With app.UseShieldedRequestScopes():" : "Without it:");
    var database = Path.Combine(Path.GetTempPath(), $"orderapi-{Guid.NewGuid():N}.db");
    await using var app = OrderApp.Create(database, keepRequestScopes, trace);
    using (var scope = app.Services.CreateScope())
    {
        scope.ServiceProvider.GetRequiredService<OrderDb>().Database.EnsureCreated();
    }

    await app.StartAsync();
    using var client = new HttpClient { BaseAddress = OrderApp.AddressOf(app) };
    var waited = await client.PostAsJsonAsync("/orders", new NewOrder("pen"));
    Console.WriteLine($"    client: waited for order {await waited.Content.ReadAsStringAsync()}");
    using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(150)))
    {
        try
        {
            await client.PostAsJsonAsync("/orders", new NewOrder("book"), giveUp.Token);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("    client: gave up after 150 ms");
        }
    }

    // The save outlives the request: wait for it as a host does at shutdown.
    await ShieldedOperations.DrainAsync();
    var count = int.Parse(await client.GetStringAsync("/orders/count"));
    Console.WriteLine($"    client: {count} orders now");
    await app.StopAsync();
    return count == 2;
}
