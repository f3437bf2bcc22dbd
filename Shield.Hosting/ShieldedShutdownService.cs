using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Shield.Hosting
{
    /// <summary>Drains shielded work once every other hosted service has stopped, and logs what happened.</summary>
    internal sealed class ShieldedShutdownService : IHostedLifecycleService, IDisposable
    {
        readonly ILogger<ShieldedShutdownService> _logger;

        public ShieldedShutdownService(ILogger<ShieldedShutdownService> logger)
        {
            _logger = logger;
            ShieldedOperations.UnobservedFault += LogUnobservedFault;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        /// <param name="cancellationToken">Fires when the host's ShutdownTimeout ends.</param>
        public async Task StoppedAsync(CancellationToken cancellationToken)
        {
            var waitingFor = ShieldedOperations.InFlight;
            if (waitingFor == 0)
            {
                _logger.LogDebug("No shielded work in flight at shutdown.");
            }
            else
            {
                _logger.LogInformation("Waiting for shielded work to finish: {Count} in flight ({Operations}).",
                    waitingFor, OperationListing.Describe(ShieldedOperations.GetInFlight()));
            }

            try
            {
                // Awaited even with nothing in flight: a call that ended after its caller walked away may still be
                // reporting its fault, and the drain completes only once it has (at once when nothing is pending).
                await ShieldedOperations.DrainAsync(cancellationToken).ConfigureAwait(false);
                if (waitingFor > 0)
                {
                    _logger.LogInformation("Shielded work drained: the {Count} in flight at shutdown finished.", waitingFor);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                var running = ShieldedOperations.GetInFlight();
                _logger.LogWarning("The shutdown timeout ended with shielded work still running: {Count} in flight; the process may end it.", ShieldedOperations.InFlight);
                foreach (var operation in running)
                {
                    _logger.LogWarning("Still running at the shutdown timeout: {Operation}, started {StartedAt:O}, running for {Elapsed}.",
                        operation.Operation, operation.StartedAt, operation.Elapsed);
                }
            }
        }

        public void Dispose() => ShieldedOperations.UnobservedFault -= LogUnobservedFault;

        void LogUnobservedFault(object? sender, ShieldedFaultEventArgs fault) =>
            _logger.LogError(fault.Exception, "Shielded operation {Operation} ended with {ExceptionType} after its caller stopped waiting.",
                fault.Operation, fault.Exception.GetType().Name);
    }
}
