using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>Every shape the weaver shields without a word gets no diagnostic.</summary>
public class CorrectUsageTests
{
    [Test]
    public Task EveryShieldableShape() => Analyzer("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        namespace App
        {
            public class Orders<T>
            {
                [Shield] public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
                [Shield] public async Task<T?> LoadAsync(int id, CancellationToken ct) { await Task.Delay(id, ct); return default; }
                [Shield] public async ValueTask FlushAsync(CancellationToken? ct) => await Task.Delay(1, ct ?? default);
                [Shield] public static async ValueTask<List<T>> AllAsync(CancellationToken ct) { await Task.Delay(1, ct); return new(); }
                [Shield] public async Task<U> ConvertAsync<U>(U value, CancellationToken ct) { await Task.Delay(1, ct); return value; }
                [Shield(TimeoutMilliseconds = 1000)] public async Task DeadlineAsync(CancellationToken ct) => await Task.Delay(1, ct);

                // Not async: woven with the same semantics.
                [Shield] public Task PassThrough(CancellationToken ct) => SaveAsync(ct);
                [Shield] public ValueTask<int> Cached(CancellationToken ct) => new(1);

                public Func<CancellationToken, Task> Lambda => [Shield] async (CancellationToken ct) => await Task.Delay(1, ct);
                public Func<CancellationToken, ValueTask<int>> NotAsyncLambda = [Shield] (CancellationToken ct) => new(1);
                public Func<int, CancellationToken, Task<int>> Natural() { var f = [Shield] async (int x, CancellationToken ct) => { await Task.Delay(x, ct); return x; }; return f; }

                public Task Run(CancellationToken ct)
                {
                    [Shield]
                    async Task LocalAsync(CancellationToken token) => await Task.Delay(1, token);

                    [Shield]
                    static Task<int> StaticLocal(CancellationToken? token) => Task.FromResult(1);

                    return Task.WhenAll(LocalAsync(ct), StaticLocal(ct));
                }
            }

            public struct Counter
            {
                [Shield] public async Task<int> CountAsync(CancellationToken ct) { await Task.Delay(1, ct); return 1; }
            }

            public interface IStore
            {
                [Shield] async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
            }

            public record Order(int Id)
            {
                [Shield] public async Task SaveAsync(CancellationToken ct) => await Task.Delay(Id, ct);
            }
        }
        """);

    [Test]
    public Task AnotherShieldAttributeIsNotOurs() => Analyzer("""
        using System;
        using System.Threading.Tasks;

        namespace Other
        {
            public sealed class ShieldAttribute : Attribute { }

            public class Orders
            {
                [Shield] public async void Fire() => await Task.Yield();
            }
        }
        """);
}
