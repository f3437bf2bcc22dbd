using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Shield.AspNetCore.Tests.Support;
using Shield.Hosting;

namespace Shield.AspNetCore.Tests;

/// <summary>
/// A client gives up on a request whose [Shield] save is still waiting; the save then goes on with the request's
/// DbContext. With UseShieldedRequestScopes() it lands; without, the server disposed the DbContext and it is lost.
/// </summary>
[NonParallelizable]
public class RequestScopeTests
{
    const int Requests = 5;

    readonly ConcurrentQueue<ShieldedFaultEventArgs> _faults = new();

    void RecordFault(object? sender, ShieldedFaultEventArgs fault) => _faults.Enqueue(fault);

    [SetUp]
    public void WatchFaults()
    {
        _faults.Clear();
        ShieldedOperations.UnobservedFault += RecordFault;
    }

    [TearDown]
    public void StopWatchingFaults() => ShieldedOperations.UnobservedFault -= RecordFault;

    static async Task AbandonFiveAndLetThemFinish(OrderApiHost host)
    {
        await Task.WhenAll(Enumerable.Range(1, Requests).Select(id => host.AbandonAsync($"/orders/{id}", id)));
        for (var id = 1; id <= Requests; id++)
        {
            host.Gates.Open(id);
        }

        await ShieldedOperations.DrainAsync().WaitAsync(OrderApiHost.Patience);
    }

    [Test]
    public async Task WithTheMiddleware_EveryAbandonedSaveLands()
    {
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes());

        await AbandonFiveAndLetThemFinish(host);

        Assert.That(host.CountOrders(), Is.EqualTo(Requests));
        Assert.That(_faults, Is.Empty);
        await Task.WhenAll(host.Probes.All.Select(p => p.Disposed)).WaitAsync(OrderApiHost.Patience);
    }

    [Test]
    public async Task WithoutTheMiddleware_EveryAbandonedSaveIsLostToADisposedDbContext()
    {
        await using var host = await OrderApiHost.StartAsync(_ => { });

        await AbandonFiveAndLetThemFinish(host);

        Assert.That(host.CountOrders(), Is.Zero);
        Assert.That(_faults.Select(f => f.Exception).ToList(), Has.Count.EqualTo(Requests).And.All.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task AWaitingClientsScopeIsDisposedAtTheEndOfItsRequestWhileAnotherRequestsWorkRuns()
    {
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes());
        await host.AbandonAsync("/orders/1", 1);

        var response = await host.Client.GetAsync("/probe/waiting");
        await host.RequestEnded("/probe/waiting");

        Assert.That(response.IsSuccessStatusCode, Is.True);
        await host.Probes.Named("waiting").Disposed.WaitAsync(OrderApiHost.Patience);
        Assert.That(host.Probes.Named("order 1").Disposed.IsCompleted, Is.False, "the abandoned request's save still runs and keeps its scope");
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1));

        host.Gates.Open(1);
        await host.Probes.Named("order 1").Disposed.WaitAsync(OrderApiHost.Patience);
        Assert.That(host.CountOrders(), Is.EqualTo(1));
    }

    [Test]
    public async Task NoScopeIsLeftOnceTheWorkHasEnded()
    {
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes());
        await host.AbandonAsync("/orders/1", 1);
        await host.Client.GetAsync("/probe/a");
        var waiting = host.Client.PostAsync("/orders/2", null);
        await host.Gates.Entered(2).WaitAsync(OrderApiHost.Patience);
        host.Gates.Open(2);
        Assert.That((await waiting).IsSuccessStatusCode, Is.True);
        host.Gates.Open(1);

        await ShieldedOperations.DrainAsync().WaitAsync(OrderApiHost.Patience);
        await Task.WhenAll(host.Probes.All.Select(p => p.Disposed)).WaitAsync(OrderApiHost.Patience);
        Assert.That(host.Probes.All.Select(p => p.Name), Is.EquivalentTo(new[] { "order 1", "a", "order 2" }));
    }

    [Test]
    public async Task SeveralCallsInOneRequest_TheScopeLastsUntilTheLastEnds()
    {
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes());
        host.Gates.Open(10);

        await host.AbandonAsync("/several/10", 10, 11, 12);
        var probe = host.Probes.Named("several 10");
        host.Gates.Open(11);
        await host.Gates.Landed(11).WaitAsync(OrderApiHost.Patience);
        Assert.That(probe.Disposed.IsCompleted, Is.False, "one of the request's saves still runs");

        host.Gates.Open(12);
        await probe.Disposed.WaitAsync(OrderApiHost.Patience);
        Assert.That(host.CountOrders(), Is.EqualTo(3));
        Assert.That(_faults, Is.Empty);
    }

    [Test]
    public async Task AnErrorPageThatRunsTheRequestAgainKeepsTheScopeForItsShieldedWork()
    {
        // UseExceptionHandler runs the pipeline again after the first run, and the middleware's own call, returned.
        await using var host = await OrderApiHost.StartAsync(app =>
        {
            app.UseExceptionHandler("/error");
            app.UseShieldedRequestScopes();
        });

        await host.AbandonAsync("/fail", 77);
        var probe = host.Probes.Named("error page");
        Assert.That(probe.Disposed.IsCompleted, Is.False, "the error page's save still runs and keeps the request's scope");

        host.Gates.Open(77);
        await probe.Disposed.WaitAsync(OrderApiHost.Patience);
        Assert.That(host.CountOrders(), Is.EqualTo(1));
        Assert.That(_faults, Is.Empty);
    }

    [Test]
    public async Task InsideNestedUseWhenBranches()
    {
        await using var host = await OrderApiHost.StartAsync(app =>
            app.UseWhen(c => c.Request.Path.StartsWithSegments("/orders"), outer =>
                outer.UseWhen(c => c.Request.Method == "POST", inner => inner.UseShieldedRequestScopes())));

        await AbandonFiveAndLetThemFinish(host);

        Assert.That(host.CountOrders(), Is.EqualTo(Requests));
        Assert.That(_faults, Is.Empty);
    }

    [Test]
    public async Task UsedInAnOuterAndAnInnerBranch_TheOuterScopeServesTheRequest()
    {
        await using var host = await OrderApiHost.StartAsync(app =>
        {
            app.UseShieldedRequestScopes();
            app.UseWhen(_ => true, branch => branch.UseShieldedRequestScopes());
        });

        await AbandonFiveAndLetThemFinish(host);

        Assert.That(host.CountOrders(), Is.EqualTo(Requests));
        await Task.WhenAll(host.Probes.All.Select(p => p.Disposed)).WaitAsync(OrderApiHost.Patience);
    }

    [Test]
    public async Task TheKeepAliveLimitDisposesTheScopeAndLogsWhatStillRuns()
    {
        var options = new ShieldedScopeOptions { KeepAliveLimit = TimeSpan.FromMilliseconds(100) };
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes(options));

        await host.AbandonAsync("/orders/1", 1);
        var deferred = await host.Logs.Logged(ShieldedRequestScopeExtensions.LogCategory, LogLevel.Debug).WaitAsync(OrderApiHost.Patience);
        await host.Probes.Named("order 1").Disposed.WaitAsync(OrderApiHost.Patience);
        var warning = await host.Logs.Logged(ShieldedRequestScopeExtensions.LogCategory, LogLevel.Warning).WaitAsync(OrderApiHost.Patience);

        Assert.That(deferred.Message, Does.Contain("Shield.AspNetCore.Tests.Support.OrderService.SaveAsync"));
        Assert.That(warning.Message, Does.Contain("keep-alive limit").And.Contain("Shield.AspNetCore.Tests.Support.OrderService.SaveAsync"));
        Assert.That(ShieldedOperations.InFlight, Is.EqualTo(1), "the body itself still runs");

        host.Gates.Open(1);
        await ShieldedOperations.DrainAsync().WaitAsync(OrderApiHost.Patience);
        Assert.That(_faults.Select(f => f.Exception).ToList(), Has.Count.EqualTo(1).And.All.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task ScopedServicesResolvedBeforeTheMiddleware_AWarningSaysWhereToPlaceIt()
    {
        await using var host = await OrderApiHost.StartAsync(app =>
        {
            app.Use((context, next) =>
            {
                context.RequestServices.GetRequiredService<DisposalProbe>().Name = "too early";
                return next(context);
            });
            app.UseShieldedRequestScopes();
        });

        await host.Client.GetAsync("/probe/after");

        var warning = await host.Logs.Logged(ShieldedRequestScopeExtensions.LogCategory, LogLevel.Warning).WaitAsync(OrderApiHost.Patience);
        Assert.That(warning.Message, Does.Contain("before UseShieldedRequestScopes()").And.Contain("/probe/after"));
        await host.Probes.Named("too early").Disposed.WaitAsync(OrderApiHost.Patience);
        await host.Probes.Named("after").Disposed.WaitAsync(OrderApiHost.Patience);
    }

    [Test]
    public async Task PlacedFirst_NoPlacementWarning()
    {
        await using var host = await OrderApiHost.StartAsync(app => app.UseShieldedRequestScopes());

        await host.Client.GetAsync("/probe/first");
        await host.RequestEnded("/probe/first");

        Assert.That(host.Logs.Entries.Where(e => e.Level >= LogLevel.Warning), Is.Empty);
    }
}
