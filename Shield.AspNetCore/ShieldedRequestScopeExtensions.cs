using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Shield.Hosting;

namespace Shield.AspNetCore
{
    /// <summary>Keeps each request's services alive for the shielded work it started.</summary>
    public static class ShieldedRequestScopeExtensions
    {
        /// <summary>The log category of the middleware.</summary>
        public const string LogCategory = "Shield.AspNetCore";

        /// <summary>
        /// Gives each request a DI scope of its own (<see cref="HttpContext.RequestServices"/>) and disposes it when the
        /// response has completed and every shielded call started while serving the request has ended: at once when
        /// no shielded work outlives the request, later otherwise, and at the latest when
        /// <see cref="ShieldedScopeOptions.KeepAliveLimit"/> has passed. Needs no service registration.
        /// </summary>
        /// <remarks>
        /// Place it as early as possible, before anything that resolves scoped services (authentication, other
        /// middleware): what was resolved before it comes from the server's own request scope, which is disposed at the
        /// end of the request as usual, and a warning is logged once. It may be placed inside <c>UseWhen</c> branches;
        /// where one such middleware runs inside another, the outer one's scope serves the request. Keeping the scope
        /// alive does not make <see cref="HttpContext"/>, <see cref="HttpRequest"/> or <see cref="HttpResponse"/> safe
        /// in a shielded body: the server resets them when the request ends.
        /// </remarks>
        public static IApplicationBuilder UseShieldedRequestScopes(this IApplicationBuilder app) =>
            app.UseShieldedRequestScopes(new ShieldedScopeOptions());

        /// <inheritdoc cref="UseShieldedRequestScopes(IApplicationBuilder)"/>
        /// <param name="app">The application's pipeline.</param>
        /// <param name="options">The keep-alive limit.</param>
        public static IApplicationBuilder UseShieldedRequestScopes(this IApplicationBuilder app, ShieldedScopeOptions options)
        {
            if (app is null)
            {
                throw new ArgumentNullException(nameof(app));
            }

            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            return app.UseMiddleware<ShieldedRequestScopeMiddleware>(options);
        }
    }
}
