using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Shield;
using Shield.Hosting;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>
/// services.AddShieldedShutdown() in a real generic host. Shielded work is started through the runtime's entry
/// point for methods that are not async (what a woven pass-through method calls), in the test process's runtime.
/// </summary>
[NonParallelizable]
public class ShieldedShutdownTests
{
    RecordingLoggerProvider _logs = new();

    IHost BuildHost(Action<IServiceCollection>? configure = null) =>
        Host.CreateDefaultBuilder()
            .ConfigureLogging(logging => logging.ClearProviders().AddProvider(_logs).SetMinimumLevel(LogLevel.Debug))
            .ConfigureServices(services =>
            {
                services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromMinutes(1));
                services.AddShieldedShutdown();
                configure?.Invoke(services);
            })
            .Build();

    static Task StartShieldedWork(string operation, Task work, CancellationToken caller = default) =>
        ShieldRuntime.Returned(work, ShieldRuntime.CallerTokens(caller), new ShieldedOperation(operation, 0), null);

    /// <summary>NUnit runs every test on one instance: without this, a test would see the lines of the tests before it.</summary>
    [SetUp]
    public void RecordThisTestOnly() => _logs = new();

    [TearDown]
    public async Task NothingLeftInFlight() => await Limits.Within(ShieldedOperations.DrainAsync(), "test work to drain");

    [Test]
    public async Task StopWaitsUntilShieldedWorkHasDrained()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = StartShieldedWork("Orders.SaveAsync", work.Task);

        var stopping = host.StopAsync();
        await Limits.Within(_logs.Logged("Waiting for shielded work to finish: 1 in flight (Orders.SaveAsync)."), "the wait to start");
        Assert.That(stopping.IsCompleted, Is.False, "the host waits for the work");

        work.SetResult();
        await Limits.Within(stopping, "the host to stop");
        Assert.That(_logs.Entries.Select(e => e.Message), Does.Contain("Shielded work drained: the 1 in flight at shutdown finished."));
    }

    [Test]
    public async Task StopWaitsForAFaultStillBeingSettledThoughNothingCountsInFlight()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var body = new TaskCompletionSource<int>();
        var thrown = new InvalidOperationException("card declined");

        // A body faults on another thread before its kickoff recorded the call: it stops counting, and until its second
        // step has looked for a caller that walked away, the drain waits.
        ShieldRuntime.Suspending();
        ShieldRuntime.Faulting(body.Task, thrown);
        Assert.That(ShieldedOperations.InFlight, Is.Zero);

        var stopping = host.StopAsync();
        await Limits.Within(_logs.Logged("No shielded work in flight at shutdown."), "the shutdown to look");
        Assert.That(stopping.IsCompleted, Is.False, "the host waits for the fault to be settled");

        body.SetException(thrown);
        ShieldRuntime.Faulted(body.Task, thrown);
        await Limits.Within(stopping, "the host to stop");
    }

    [Test]
    public async Task WorkThatAnotherServiceStartsWhileStoppingIsDrainedToo()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = BuildHost(services => services.AddSingleton<IHostedService>(new FlushOnStop(() => StartShieldedWork("Outbox.FlushAsync", flushed.Task))));
        await host.StartAsync();

        var stopping = host.StopAsync();
        await Limits.Within(_logs.Logged("Waiting for shielded work to finish: 1 in flight (Outbox.FlushAsync)."), "the wait to start");
        Assert.That(stopping.IsCompleted, Is.False, "the host waits for the work");
        Assert.That(_logs.Entries.Select(e => e.Message), Has.None.StartsWith("Shielded work drained"), "nothing drained while the work still runs");

        flushed.SetResult();
        await Limits.Within(stopping, "the host to stop");
        Assert.That(_logs.Entries.Select(e => e.Message), Does.Contain("Shielded work drained: the 1 in flight at shutdown finished."));
    }

    [Test]
    public async Task AtTheShutdownTimeoutItLogsWhatIsStillRunning()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = StartShieldedWork("Orders.SaveAsync", work.Task);

        // The host links the token it is given with its ShutdownTimeout: firing it plays the timeout.
        using var timeout = new CancellationTokenSource();
        var stopping = host.StopAsync(timeout.Token);
        await Limits.Within(_logs.Logged("Waiting for shielded work to finish: 1 in flight"), "the wait to start");
        timeout.Cancel();
        await Limits.Within(stopping, "the host to stop");

        var warnings = _logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.That(warnings, Has.Some.StartsWith("The shutdown timeout ended with shielded work still running: 1 in flight"));
        Assert.That(warnings, Has.Some.StartsWith("Still running at the shutdown timeout: Orders.SaveAsync, started "));
        work.SetResult();
    }

    [Test]
    public async Task FaultsNobodyWaitedForAreLogged()
    {
        using var host = BuildHost();
        await host.StartAsync();
        using var caller = new CancellationTokenSource();
        var work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = StartShieldedWork("Orders.SaveAsync", work.Task, caller.Token);
        caller.Cancel();
        work.SetException(new InvalidOperationException("disk full"));
        await Limits.Within(_logs.Logged("after its caller stopped waiting"), "the fault to be logged");

        var error = _logs.Entries.Single(e => e.Level == LogLevel.Error);
        Assert.That(error.Message, Is.EqualTo("Shielded operation Orders.SaveAsync ended with InvalidOperationException after its caller stopped waiting."));
        Assert.That(error.Exception!.Message, Is.EqualTo("disk full"));
        await host.StopAsync();
    }

    [Test]
    public async Task NothingInFlightMeansNoWait()
    {
        using var host = BuildHost();
        await host.StartAsync();
        await Limits.Within(host.StopAsync(), "the host to stop");
        Assert.That(_logs.Entries.Select(e => e.Message), Does.Contain("No shielded work in flight at shutdown."));
    }

    sealed class FlushOnStop(Func<Task> flush) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _ = flush();
            return Task.CompletedTask;
        }
    }
}
