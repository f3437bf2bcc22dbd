using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Shield.Hosting
{
    /// <summary>
    /// A DI scope that lives until its owner disposes it <em>and</em> every shielded call started in it has ended, so a
    /// shielded body keeps the <c>DbContext</c> and other scoped services it resolved after its caller walked away.
    /// Made by <see cref="ShieldedScopeExtensions.CreateShieldedAsyncScope(IServiceScopeFactory, ShieldedScopeOptions?, ILogger?)"/>.
    /// </summary>
    /// <remarks>
    /// Disposing it closes its <see cref="WorkGroup"/> and returns at once: the inner scope is disposed then when no
    /// shielded work of the group runs, otherwise when the last call ends or <see cref="ShieldedScopeOptions.KeepAliveLimit"/>
    /// passes, whichever comes first.
    /// </remarks>
    public sealed class ShieldedAsyncScope : IServiceScope, IAsyncDisposable
    {
        readonly AsyncServiceScope _inner;
        readonly ShieldedScopeOptions _options;
        readonly ILogger _logger;
        int _disposing;

        internal ShieldedAsyncScope(AsyncServiceScope inner, ShieldedWorkGroup group, ShieldedScopeOptions options, ILogger logger)
        {
            _inner = inner;
            WorkGroup = group;
            _options = options;
            _logger = logger;
        }

        /// <summary>The scope's services.</summary>
        public IServiceProvider ServiceProvider => _inner.ServiceProvider;

        /// <summary>The shielded calls this scope waits for.</summary>
        public ShieldedWorkGroup WorkGroup { get; }

        /// <summary>Closes the work group; disposes the scope now, or once its shielded work has ended (see the remarks).</summary>
        public ValueTask DisposeAsync()
        {
            if (!BeginDispose())
            {
                return default;
            }

            if (WorkGroup.HasEnded)
            {
                return _inner.DisposeAsync();
            }

            _ = DisposeWhenEndedAsync();
            return default;
        }

        /// <inheritdoc cref="DisposeAsync"/>
        public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

        bool BeginDispose()
        {
            if (Interlocked.Exchange(ref _disposing, 1) != 0)
            {
                return false;
            }

            WorkGroup.Close();
            return true;
        }

        async Task DisposeWhenEndedAsync()
        {
            try
            {
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    _logger.LogDebug("Keeping the scope's services until its shielded work ends: {Operations}.", OperationListing.Describe(WorkGroup.GetRunning()));
                }

                if (!await EndsWithinLimitAsync().ConfigureAwait(false))
                {
                    var running = WorkGroup.GetRunning();
                    _logger.LogWarning("The keep-alive limit of {Limit} passed with {Count} shielded call(s) still running ({Operations}); disposing the scope they use.",
                        _options.KeepAliveLimit, running.Count, OperationListing.Describe(running));
                }
            }
            catch (Exception exception)
            {
                // Nobody awaits this task: whatever went wrong while waiting, the scope is still disposed below.
                _logger.LogError(exception, "Waiting for the shielded work of a kept scope failed; disposing the scope now.");
            }

            try
            {
                await _inner.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _logger.LogError(exception, "Disposing a scope kept for shielded work failed.");
            }
        }

        async Task<bool> EndsWithinLimitAsync()
        {
            var limit = _options.KeepAliveLimit;
            if (limit == Timeout.InfiniteTimeSpan)
            {
                await WorkGroup.Ended.ConfigureAwait(false);
                return true;
            }

            var passed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ShieldedOperations.TimeProvider.CreateTimer(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), passed, limit, Timeout.InfiniteTimeSpan))
            {
                return await Task.WhenAny(WorkGroup.Ended, passed.Task).ConfigureAwait(false) == WorkGroup.Ended;
            }
        }
    }
}
