using System.Reflection;
using Microsoft.AspNetCore.Http.Features;

namespace Shield.AspNetCore
{
    /// <summary>
    /// Tells whether the server's own request scope was created before the middleware ran. The server's feature creates
    /// it on first use and says so nowhere public; its private field is read, and where a framework version has no such
    /// field the check says no.
    /// </summary>
    internal static class ServerScope
    {
        static readonly FieldInfo? s_scopeField =
            typeof(RequestServicesFeature).GetField("_scope", BindingFlags.Instance | BindingFlags.NonPublic);

        public static bool WasCreated(IServiceProvidersFeature? feature) =>
            feature is RequestServicesFeature server && s_scopeField?.GetValue(server) != null;
    }
}
