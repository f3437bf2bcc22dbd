using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Shield.Hosting
{
    /// <summary>Creates DI scopes that shielded work keeps alive until it ends.</summary>
    public static class ShieldedScopeExtensions
    {
        /// <summary>The log category of scopes made here when no logger is given.</summary>
        public const string LogCategory = "Shield.Hosting";

        /// <summary>
        /// Creates a scope and opens a <see cref="ShieldedWorkGroup"/> that is ambient for the rest of the calling
        /// method, so the shielded calls it makes join it. Use it where a worker would use
        /// <c>CreateAsyncScope()</c>: <c>await using var scope = scopeFactory.CreateShieldedAsyncScope();</c>. When the
        /// worker's token fires and it leaves, the scope stays alive until the shielded bodies that use it have ended
        /// (or <see cref="ShieldedScopeOptions.KeepAliveLimit"/> passes).
        /// </summary>
        /// <param name="scopeFactory">The application's scope factory.</param>
        /// <param name="options">The keep-alive limit; the defaults when null.</param>
        /// <param name="logger">Where deferred disposals (debug) and the limit passing (warning) are logged; when null,
        /// category <see cref="LogCategory"/> of the scope's <see cref="ILoggerFactory"/>.</param>
        public static ShieldedAsyncScope CreateShieldedAsyncScope(this IServiceScopeFactory scopeFactory, ShieldedScopeOptions? options = null, ILogger? logger = null)
        {
            if (scopeFactory is null)
            {
                throw new ArgumentNullException(nameof(scopeFactory));
            }

            var inner = scopeFactory.CreateAsyncScope();
            logger ??= inner.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(LogCategory) ?? NullLogger.Instance;
            return new ShieldedAsyncScope(inner, ShieldedWorkGroup.Open(), options ?? new ShieldedScopeOptions(), logger);
        }

        /// <inheritdoc cref="CreateShieldedAsyncScope(IServiceScopeFactory, ShieldedScopeOptions?, ILogger?)"/>
        /// <param name="services">The application's services.</param>
        /// <param name="options">The keep-alive limit; the defaults when null.</param>
        /// <param name="logger">Where deferred disposals and the limit passing are logged.</param>
        public static ShieldedAsyncScope CreateShieldedAsyncScope(this IServiceProvider services, ShieldedScopeOptions? options = null, ILogger? logger = null) =>
            services.GetRequiredService<IServiceScopeFactory>().CreateShieldedAsyncScope(options, logger);
    }
}
