using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Trace;
using Shield.AspNetCore;

namespace OrderApi;

/// <summary>The app: POST /orders saves through the request-scoped <see cref="Orders"/> service.</summary>
public static class OrderApp
{
    /// <param name="trace">Exports the request's spans and the shielded body's span to the console.</param>
    public static WebApplication Create(string database, bool keepRequestScopes, bool trace = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<OrderDb>(db => db.UseSqlite($"Data Source={database}"));
        builder.Services.AddScoped<Orders>();
        if (trace)
        {
            builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Shield")
                .AddConsoleExporter());
        }

        var app = builder.Build();
        if (keepRequestScopes)
        {
            // First in the pipeline: every scoped service of the request comes from the kept scope.
            app.UseShieldedRequestScopes();
        }

        app.MapPost("/orders", async (NewOrder order, Orders orders, CancellationToken ct) => Results.Ok(await orders.SaveAsync(order.Item, ct)));
        app.MapGet("/orders/count", (OrderDb db, CancellationToken ct) => db.Orders.CountAsync(ct));
        return app;
    }

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
