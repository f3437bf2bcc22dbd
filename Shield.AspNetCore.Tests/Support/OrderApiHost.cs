using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;

namespace Shield.AspNetCore.Tests.Support;

/// <summary>
/// A minimal API on Kestrel (loopback, port 0) with a request-scoped <see cref="OrderDb"/> on a SQLite file of its
/// own, and a real <see cref="HttpClient"/>. The test chooses the middleware; the endpoints are always the same.
/// </summary>
public sealed class OrderApiHost : IAsyncDisposable
{
    /// <summary>How long a test waits for a signal before it fails (a hang guard, not a timing assertion).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    readonly WebApplication _app;
    readonly string _directory;
    readonly ConcurrentDictionary<string, TaskCompletionSource> _ended = new();

    OrderApiHost(WebApplication app, string directory, HttpClient client)
    {
        _app = app;
        _directory = directory;
        Client = client;
    }

    public HttpClient Client { get; }

    public Gates Gates => _app.Services.GetRequiredService<Gates>();

    public Probes Probes => _app.Services.GetRequiredService<Probes>();

    public LogRecorder Logs => _app.Services.GetRequiredService<LogRecorder>();

    public IServiceProvider Services => _app.Services;

    /// <param name="pipeline">The middleware between the test's own first one and the endpoints.</param>
    public static async Task<OrderApiHost> StartAsync(Action<IApplicationBuilder> pipeline)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"shield-aspnetcore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Production" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var logs = new LogRecorder();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton<Gates>();
        builder.Services.AddSingleton<Probes>();
        builder.Services.AddScoped<DisposalProbe>();
        builder.Services.AddScoped<OrderService>();
        builder.Services.AddDbContext<OrderDb>(db => db.UseSqlite($"Data Source={Path.Combine(directory, "orders.db")}"));

        var app = builder.Build();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<OrderDb>().Database.EnsureCreated();
        }

        var host = new OrderApiHost(app, directory, new HttpClient());
        app.Use((context, next) =>
        {
            // Registered first, so it runs last, after the server disposed what the request registered.
            context.Response.OnCompleted(() =>
            {
                host.EndedSignal(context.Request.Path).TrySetResult();
                return Task.CompletedTask;
            });
            return next(context);
        });
        pipeline(app);
        MapEndpoints(app);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.Client.BaseAddress = new Uri(address);
        return host;
    }

    static void MapEndpoints(WebApplication app)
    {
        app.MapPost("/orders/{id:int}", async (int id, OrderService orders, DisposalProbe probe, CancellationToken ct) =>
        {
            probe.Name = $"order {id}";
            await orders.SaveAsync(id, ct);
            return Results.Ok();
        });

        // One save that finishes before the response, two that the client leaves behind.
        app.MapPost("/several/{first:int}", async (int first, OrderService orders, DisposalProbe probe, CancellationToken ct) =>
        {
            probe.Name = $"several {first}";
            await orders.SaveAsync(first, ct);
            await Task.WhenAll(orders.SaveAsync(first + 1, ct), orders.SaveAsync(first + 2, ct));
            return Results.Ok();
        });

        // A request that fails, and the error page UseExceptionHandler("/error") runs it again for: it keeps order 77.
        app.MapPost("/fail", IResult () => throw new InvalidOperationException("the order is invalid"));
        app.Map("/error", async (OrderService orders, DisposalProbe probe, CancellationToken ct) =>
        {
            probe.Name = "error page";
            await orders.SaveAsync(77, ct);
            return Results.Problem("the order was kept for review");
        });

        app.MapGet("/probe/{name}", (string name, DisposalProbe probe) =>
        {
            probe.Name = name;
            return Results.Ok();
        });
    }

    TaskCompletionSource EndedSignal(string path) =>
        _ended.GetOrAdd(path, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completes when the server has finished the request to <paramref name="path"/> and run its completion callbacks.</summary>
    public Task RequestEnded(string path) => EndedSignal(path).Task.WaitAsync(Patience);

    /// <summary>Posts to <paramref name="path"/>, gives up once the bodies <paramref name="entered"/> wait at their gates, and waits for the server to end the request.</summary>
    public async Task AbandonAsync(string path, params int[] entered)
    {
        using var giveUp = new CancellationTokenSource();
        var sending = Client.PostAsync(path, null, giveUp.Token);
        foreach (var id in entered)
        {
            await Gates.Entered(id).WaitAsync(Patience);
        }

        giveUp.Cancel();
        Assert.That(async () => await sending, Throws.InstanceOf<OperationCanceledException>(), $"the client gave up on {path}");
        await RequestEnded(path);
    }

    public int CountOrders()
    {
        using var scope = _app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OrderDb>().Orders.Count();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
