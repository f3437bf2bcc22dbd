using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>
/// SHIELD017: a shielded body that uses request state where it may run after the request ended, that is after an
/// await (on some path from the entry) or in a lambda or local function; one diagnostic at each use.
/// </summary>
public class RequestStateTests
{
    /// <summary>What every test source uses, as global usings in a document of their own.</summary>
    const string Usings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Microsoft.AspNetCore.Http;
        global using Microsoft.AspNetCore.Mvc;
        global using Shield;
        """;

    static Task Analyzer(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) =>
        Verify.Analyzer([source, Usings, AspNetCoreStubs.Source], expected);

    static Microsoft.CodeAnalysis.Testing.DiagnosticResult Used(int location, string operation, string expression, string type) =>
        Diagnostic(ShieldDescriptors.RequestStateAfterAwait, location, operation, expression, type);

    [Test]
    public Task UsesAfterTheFirstAwaitAreReportedOnePerExpression() => Analyzer("""
        public class Orders
        {
            [Shield]
            public async Task SaveAsync(HttpContext context, IHttpContextAccessor accessor, CancellationToken ct)
            {
                var path = context.Request.Path;
                await Task.Delay(1, ct);
                var again = {|#0:context|}.Request.Path;
                var id = {|#1:accessor.HttpContext|}?.Connection.Id;
                {|#2:context|}.Response.StatusCode = 200;
            }
        }
        """,
        Used(0, "Orders.SaveAsync", "context", "HttpContext"),
        Used(1, "Orders.SaveAsync", "accessor.HttpContext", "HttpContext"),
        Used(2, "Orders.SaveAsync", "context", "HttpContext"));

    [Test]
    public Task ValuesCopiedBeforeTheFirstAwaitAreFine() => Analyzer("""
        public class Orders
        {
            [Shield]
            public async Task SaveAsync(HttpRequest request, CancellationToken ct)
            {
                var path = request.Path;
                if (path.Length == 0)
                {
                    return;
                }

                await Task.Delay(path.Length, ct);
                System.Console.WriteLine(path);
            }

            [Shield]
            public Task NotAsync(HttpRequest request, CancellationToken ct) => Task.Delay(request.Path.Length, ct);
        }
        """);

    [Test]
    public Task AUseInTheAwaitedExpressionRunsBeforeTheAwait() => Analyzer("""
        public class Orders
        {
            [Shield]
            public async Task<int> SaveAsync(HttpRequest request, CancellationToken ct) =>
                await Task.FromResult(request.Path.Length) + {|#0:request|}.Path.Length;
        }
        """,
        Used(0, "Orders.SaveAsync", "request", "HttpRequest"));

    [Test]
    public Task AnAwaitOnOnePathIsEnoughAndLoopsCarryItBack() => Analyzer("""
        public class Orders
        {
            [Shield]
            public async Task SaveAsync(HttpResponse response, bool wait, CancellationToken ct)
            {
                if (wait)
                {
                    await Task.Delay(1, ct);
                }

                {|#0:response|}.StatusCode = 204;
            }

            [Shield]
            public async Task RetryAsync(ConnectionInfo connection, CancellationToken ct)
            {
                for (var i = 0; i < 3; i++)
                {
                    System.Console.WriteLine({|#1:connection|}.Id);
                    await Task.Delay(1, ct);
                }
            }
        }
        """,
        Used(0, "Orders.SaveAsync", "response", "HttpResponse"),
        Used(1, "Orders.RetryAsync", "connection", "ConnectionInfo"));

    [Test]
    public Task AwaitForeachAndAwaitUsingAreAwaits() => Analyzer("""
        public class Orders
        {
            [Shield]
            public async Task CopyAsync(IAsyncEnumerable<int> lines, HttpRequest request, CancellationToken ct)
            {
                await foreach (var line in lines)
                {
                    System.Console.WriteLine({|#0:request|}.Path);
                }
            }

            [Shield]
            public async Task CloseAsync(IAsyncDisposable resource, HttpRequest request, CancellationToken ct)
            {
                await using (resource)
                {
                    System.Console.WriteLine(request.Path);
                }

                System.Console.WriteLine({|#1:request|}.Path);
            }

            [Shield]
            public async Task CatchAsync(HttpRequest request, CancellationToken ct)
            {
                try
                {
                    await Task.Delay(1, ct);
                }
                catch (OperationCanceledException)
                {
                    System.Console.WriteLine({|#2:request|}.Path);
                }
            }
        }
        """,
        Used(0, "Orders.CopyAsync", "request", "HttpRequest"),
        Used(1, "Orders.CloseAsync", "request", "HttpRequest"),
        Used(2, "Orders.CatchAsync", "request", "HttpRequest"));

    [Test]
    public Task LambdasAndLocalFunctionsAreAlwaysReported() => Analyzer("""
        public class Orders
        {
            [Shield]
            public Task SaveAsync(HttpContext context, CancellationToken ct)
            {
                Func<string> path = () => {|#0:context|}.Request.Path;
                string Id() => {|#1:context|}.Connection.Id;
                return Task.Run(() => System.Console.WriteLine(path() + Id()), ct);
            }
        }
        """,
        Used(0, "Orders.SaveAsync", "context", "HttpContext"),
        Used(1, "Orders.SaveAsync", "context", "HttpContext"));

    [Test]
    public Task AShieldedTypesMethodsAndAControllersPropertiesAreChecked() => Analyzer("""
        [Shield]
        public class OrdersController : ControllerBase
        {
            public async Task SaveAsync(CancellationToken ct)
            {
                var path = Request.Path;
                await Task.Delay(1, ct);
                {|#2:Response|}.StatusCode = path.Length;
                System.Console.WriteLine({|#0:HttpContext|}.Request.Path + {|#1:Request|}.Path);
            }

            public async Task NotSelectedWithoutAToken()
            {
                await Task.Delay(1);
                System.Console.WriteLine(Request.Path);
            }
        }
        """,
        Used(0, "OrdersController.SaveAsync", "HttpContext", "HttpContext"),
        Used(1, "OrdersController.SaveAsync", "Request", "HttpRequest"),
        Used(2, "OrdersController.SaveAsync", "Response", "HttpResponse"));

    [Test]
    public Task MethodsThatAreNotShieldedAreNotOurBusiness() => Analyzer("""
        public class Orders
        {
            public async Task SaveAsync(HttpRequest request, CancellationToken ct)
            {
                await Task.Delay(1, ct);
                System.Console.WriteLine(request.Path);
            }

            [Shield]
            public async Task {|#0:NoTokenAsync|}(HttpRequest request)
            {
                await Task.Delay(1);
                System.Console.WriteLine(request.Path);
            }
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "Orders.NoTokenAsync"));

    [Test]
    public Task ALambdaOrLocalFunctionShieldedOnItsOwnIsCheckedAsAMethod() => Analyzer("""
        public class Orders
        {
            public Func<HttpRequest, CancellationToken, Task> Handler() => [Shield] async (HttpRequest request, CancellationToken ct) =>
            {
                var path = request.Path;
                await Task.Delay(path.Length, ct);
                Console.WriteLine({|#0:request|}.Path);
            };

            public Task RunAsync(HttpResponse response, CancellationToken ct)
            {
                [Shield]
                async Task SendAsync(CancellationToken token)
                {
                    response.StatusCode = 202;
                    await Task.Delay(1, token);
                    Action later = () => Console.WriteLine({|#1:response|}.StatusCode);
                    later();
                }

                return SendAsync(ct);
            }
        }
        """,
        Used(0, "Orders.Handler.<lambda>", "request", "HttpRequest"),
        Used(1, "Orders.RunAsync.SendAsync", "response", "HttpResponse"));
}
