using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Shield.Hosting
{
    /// <summary>Registers graceful shutdown for shielded work with the generic host.</summary>
    public static class ShieldedShutdownServiceCollectionExtensions
    {
        /// <summary>
        /// Makes the host wait, while it stops, until shielded work has drained (<see cref="ShieldedOperations.DrainAsync"/>)
        /// or the host's <c>ShutdownTimeout</c> ends, and log what drained, what was still running at the timeout,
        /// and every fault reported through <see cref="ShieldedOperations.UnobservedFault"/> while the host runs.
        /// </summary>
        /// <remarks>
        /// The wait runs in <see cref="IHostedLifecycleService.StoppedAsync"/>, which the host calls after every hosted
        /// service's <c>StopAsync</c> and still inside <c>ShutdownTimeout</c>: other services stop taking new work
        /// first, and shielded work they start while stopping is drained too. Calling this more than once
        /// registers the wait once.
        /// </remarks>
        public static IServiceCollection AddShieldedShutdown(this IServiceCollection services)
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ShieldedShutdownService>());
            return services;
        }
    }
}
