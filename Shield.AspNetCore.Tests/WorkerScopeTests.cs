using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Shield.AspNetCore.Tests.Support;
using Shield.Hosting;

namespace Shield.AspNetCore.Tests;

/// <summary>
/// A worker step that makes its own scope, saves through a shielded method with its stopping token, and leaves when the
/// token fires: with <c>CreateShieldedAsyncScope()</c> the save lands; with <c>CreateAsyncScope()</c> it is lost.
/// </summary>
[NonParallelizable]
public class WorkerScopeTests
{
    readonly ConcurrentQueue<ShieldedFaultEventArgs> _faults = new();
    string _directory = "";
    ServiceProvider _services = null!;

    void RecordFault(object? sender, ShieldedFaultEventArgs fault) => _faults.Enqueue(fault);

    [SetUp]
    public void BuildServices()
    {
        _faults.Clear();
        ShieldedOperations.UnobservedFault += RecordFault;
        _directory = Path.Combine(Path.GetTempPath(), $"shield-worker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new LogRecorder()))
            .AddSingleton<Gates>()
            .AddSingleton<Probes>()
            .AddScoped<DisposalProbe>()
            .AddScoped<OrderService>()
            .AddDbContext<OrderDb>(db => db.UseSqlite($"Data Source={Path.Combine(_directory, "orders.db")}"))
            .BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<OrderDb>().Database.EnsureCreated();
    }

    [TearDown]
    public async Task DisposeServices()
    {
        ShieldedOperations.UnobservedFault -= RecordFault;
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One step of a worker's loop, as a BackgroundService would write it.</summary>
    static async Task<DisposalProbe> SaveOneAsync(Func<IServiceScopeFactory, IServiceScope> createScope, IServiceScopeFactory scopes, int id, CancellationToken stoppingToken)
    {
        await using var scope = (IAsyncDisposable)createScope(scopes);
        var services = ((IServiceScope)scope).ServiceProvider;
        var probe = services.GetRequiredService<DisposalProbe>();
        try
        {
            await services.GetRequiredService<OrderService>().SaveAsync(id, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        return probe;
    }

    async Task<DisposalProbe> StopWhileSaving(Func<IServiceScopeFactory, IServiceScope> createScope)
    {
        var gates = _services.GetRequiredService<Gates>();
        using var stopping = new CancellationTokenSource();
        var step = SaveOneAsync(createScope, _services.GetRequiredService<IServiceScopeFactory>(), 1, stopping.Token);
        await gates.Entered(1).WaitAsync(OrderApiHost.Patience);
        stopping.Cancel();
        var probe = await step.WaitAsync(OrderApiHost.Patience);
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1), "the worker left while its save runs");
        return probe;
    }

    int CountOrders()
    {
        using var scope = _services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OrderDb>().Orders.Count();
    }

    [Test]
    public async Task AShieldedScope_OutlivesTheStepUntilTheSaveEnds()
    {
        var probe = await StopWhileSaving(scopes => scopes.CreateShieldedAsyncScope());

        Assert.That(probe.Disposed.IsCompleted, Is.False);
        _services.GetRequiredService<Gates>().Open(1);
        await probe.Disposed.WaitAsync(OrderApiHost.Patience);
        Assert.That(CountOrders(), Is.EqualTo(1));
        Assert.That(_faults, Is.Empty);
    }

    [Test]
    public async Task APlainScope_IsDisposedUnderTheSave()
    {
        var probe = await StopWhileSaving(scopes => scopes.CreateAsyncScope());

        Assert.That(probe.Disposed.IsCompleted, Is.True);
        _services.GetRequiredService<Gates>().Open(1);
        await ShieldedOperations.DrainAsync().WaitAsync(OrderApiHost.Patience);
        Assert.That(CountOrders(), Is.Zero);
        Assert.That(_faults.Select(f => f.Exception).ToList(), Has.Count.EqualTo(1).And.All.InstanceOf<ObjectDisposedException>());
    }
}
