using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.Hosting;

namespace Shield.AspNetCore
{
    /// <summary>
    /// Replaces the server's request scope with a <see cref="ShieldedAsyncScope"/> whose work group is ambient for the
    /// rest of the pipeline, and hands it to the response for disposal, as the server does with its own.
    /// </summary>
    internal sealed class ShieldedRequestScopeMiddleware
    {
        readonly RequestDelegate _next;
        readonly IServiceScopeFactory _scopeFactory;
        readonly ShieldedScopeOptions _options;
        readonly ILogger _logger;
        int _warnedAboutPlacement;

        public ShieldedRequestScopeMiddleware(RequestDelegate next, IServiceScopeFactory scopeFactory, ILoggerFactory loggerFactory, ShieldedScopeOptions options)
        {
            _next = next;
            _scopeFactory = scopeFactory;
            _options = options;
            _logger = loggerFactory.CreateLogger(ShieldedRequestScopeExtensions.LogCategory);
        }

        public Task InvokeAsync(HttpContext context)
        {
            var current = context.Features.Get<IServiceProvidersFeature>();
            if (current is ShieldedRequestServicesFeature kept)
            {
                // This request's scope is kept already: by an outer UseShieldedRequestScopes that is still running (its
                // group is ambient), or by an earlier run of the pipeline for the same request (an error page that
                // re-executes it), whose group must be made ambient again for this run's shielded calls to keep it.
                return ReferenceEquals(ShieldedWorkGroup.Current, kept.Scope.WorkGroup) ? _next(context) : InvokeAgainInScopeAsync(context, kept.Scope);
            }

            if (ServerScope.WasCreated(current))
            {
                WarnAboutPlacement(context);
            }

            return InvokeInScopeAsync(context);
        }

        /// <summary>An async method of its own, so the work group is ambient for the rest of the pipeline and no further.</summary>
        async Task InvokeInScopeAsync(HttpContext context)
        {
            var scope = _scopeFactory.CreateShieldedAsyncScope(_options, _logger);
            context.Features.Set<IServiceProvidersFeature>(new ShieldedRequestServicesFeature(scope));
            context.Response.RegisterForDisposeAsync(scope);
            await _next(context).ConfigureAwait(false);
        }

        /// <summary>Runs the rest of the pipeline again with the request's kept scope's group ambient, and no further.</summary>
        async Task InvokeAgainInScopeAsync(HttpContext context, ShieldedAsyncScope scope)
        {
            scope.WorkGroup.MakeCurrent();
            await _next(context).ConfigureAwait(false);
        }

        void WarnAboutPlacement(HttpContext context)
        {
            if (Interlocked.Exchange(ref _warnedAboutPlacement, 1) == 0)
            {
                _logger.LogWarning(
                    "Scoped services were resolved for {Path} before UseShieldedRequestScopes() ran; they come from the server's request scope, which is disposed when the request ends even while shielded work still uses them. Call UseShieldedRequestScopes() earlier, before anything that resolves scoped services.",
                    context.Request.Path);
            }
        }
    }
}
