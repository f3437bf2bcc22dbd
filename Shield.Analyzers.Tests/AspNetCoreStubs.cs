namespace Shield.Analyzers.Tests;

/// <summary>
/// The ASP.NET Core types SHIELD017 knows, with their real namespaces and names and only the members the tests use:
/// the analyzer matches them by name, and the real-build test checks it against the real ones.
/// </summary>
static class AspNetCoreStubs
{
    public const string Source = """
        namespace Microsoft.AspNetCore.Http
        {
            public abstract class HttpContext
            {
                public abstract HttpRequest Request { get; }
                public abstract HttpResponse Response { get; }
                public abstract ConnectionInfo Connection { get; }
                public abstract System.Threading.CancellationToken RequestAborted { get; }
            }

            public sealed class DefaultHttpContext : HttpContext
            {
                public override HttpRequest Request => null!;
                public override HttpResponse Response => null!;
                public override ConnectionInfo Connection => null!;
                public override System.Threading.CancellationToken RequestAborted => default;
            }

            public abstract class HttpRequest
            {
                public abstract string Path { get; }
                public abstract HttpContext HttpContext { get; }
            }

            public abstract class HttpResponse
            {
                public abstract int StatusCode { get; set; }
            }

            public abstract class ConnectionInfo
            {
                public abstract string Id { get; }
            }

            public interface IHttpContextAccessor
            {
                HttpContext? HttpContext { get; }
            }
        }

        namespace Microsoft.AspNetCore.Mvc
        {
            public abstract class ControllerBase
            {
                public Microsoft.AspNetCore.Http.HttpContext HttpContext => null!;
                public Microsoft.AspNetCore.Http.HttpRequest Request => null!;
                public Microsoft.AspNetCore.Http.HttpResponse Response => null!;
            }
        }
        """;
}
