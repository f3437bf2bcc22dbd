using System.Threading.Tasks;
using NUnit.Framework;

namespace Shield.Analyzers.Tests;

/// <summary>
/// Calls that a <c>Calls</c> pattern shields (here <c>Library.Command.*</c>) are not misuses: the analyzer, which sees
/// no FodyWeavers.xml, reports nothing on them, on the code around them, or on callees whose shapes would be misuses
/// on a <c>[Shield]</c> method (the weaver passes those over). The disposal trap (SHIELD018) is reported by the build.
/// </summary>
public class ShieldedCallSiteTests
{
    const string Library = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Library
        {
            public class Command : IAsyncDisposable
            {
                public virtual Task<int> ExecuteAsync(CancellationToken ct) => Task.FromResult(1);
                public ValueTask SaveAsync(CancellationToken? ct) => default;
                public Task<T> EchoAsync<T>(T value, CancellationToken first, CancellationToken second) => Task.FromResult(value);

                // Shapes a Calls pattern passes over: no token, not a task, a token by reference.
                public Task SendAsync(int order) => Task.CompletedTask;
                public async void Fire(CancellationToken ct) => await Task.Delay(1, ct);
                public Task ByRef(ref CancellationToken ct) => Task.CompletedTask;

                public ValueTask DisposeAsync() => default;
            }
        }
        """;

    [Test]
    public Task CallsAPatternShieldsGetNoDiagnostic() => Verify.Analyzer(
        [
            """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Library;

            namespace App
            {
                public class Orders
                {
                    public async Task<int> PlaceAsync(Command command, HttpContext context, CancellationToken ct)
                    {
                        var count = await command.ExecuteAsync(ct);
                        await command.SaveAsync(ct);
                        await command.EchoAsync("order", CancellationToken.None, ct);
                        await command.SendAsync(count);
                        command.Fire(ct);
                        await command.ByRef(ref ct);

                        // Request state after an await is SHIELD017 only in a shielded method; this one only calls them.
                        return count + context.Request.Path.Length;
                    }

                    public async Task DisposesWhatTheCallUsesAsync(CancellationToken ct)
                    {
                        await using var command = new Command();
                        await command.ExecuteAsync(ct);
                    }

                    public Func<CancellationToken, Task<int>> InALambda(Command command) => ct => command.ExecuteAsync(ct);

                    public Task<int> InALocalFunction(Command command, CancellationToken ct)
                    {
                        return Local(ct);

                        async Task<int> Local(CancellationToken token) => await command.ExecuteAsync(token);
                    }
                }
            }
            """,
            Library,
            AspNetCoreStubs.Source,
        ]);
}
