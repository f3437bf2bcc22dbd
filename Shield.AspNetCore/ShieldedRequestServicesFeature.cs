using System;
using Microsoft.AspNetCore.Http.Features;
using Shield.Hosting;

namespace Shield.AspNetCore
{
    /// <summary>The request's services, from the kept scope; also marks a request an outer middleware already serves.</summary>
    internal sealed class ShieldedRequestServicesFeature : IServiceProvidersFeature
    {
        public ShieldedRequestServicesFeature(ShieldedAsyncScope scope)
        {
            Scope = scope;
            RequestServices = scope.ServiceProvider;
        }

        public ShieldedAsyncScope Scope { get; }

        public IServiceProvider RequestServices { get; set; }
    }
}
