using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrderWorker;
using Shield.Hosting;

// dotnet run --project samples/OrderWorker [-- --database orders.db] [--no-shielded-shutdown]
var database = new OrderDatabase(ArgumentAfter("--database") ?? "orders.db");
database.Create();

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(options => options.SingleLine = true);
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
builder.Services.AddSingleton(database);
builder.Services.AddSingleton<OrderSaver>();
builder.Services.AddHostedService<OrderIntake>();
if (!args.Contains("--no-shielded-shutdown"))
{
    builder.Services.AddShieldedShutdown();
}

await builder.Build().RunAsync();
Console.WriteLine("stopped");

string? ArgumentAfter(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
