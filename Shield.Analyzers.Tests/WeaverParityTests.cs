using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Shield.Analyzers.Tests;

/// <summary>
/// The analyzer says what the weaver says, word for word: the same IDs and messages for the weaver's own misuse
/// fixtures and for the shapes only source has names for (lambdas, local functions, initializers, accessors).
/// </summary>
public class WeaverParityTests
{
    internal static string RepositoryRoot => typeof(WeaverParityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Test]
    public async Task TheWeaversMisuseFixtures()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot, "fixtures", "AssemblyWithMisuses"), "*.cs").Select(File.ReadAllText).ToArray();

        var promised = sources.Sum(source => source.Split("// expect SHIELD").Length - 1);

        var reports = await WeaverParity.Of(sources);

        Assert.That(reports.Weaver, Has.Count.EqualTo(promised), "every diagnostic the fixtures promise is in the comparison");
        Assert.That(reports.Analyzer, Is.EqualTo(reports.Weaver));
    }

    [Test]
    public async Task LambdasLocalFunctionsAndTheMembersTheyAreNamedAfter()
    {
        var reports = await WeaverParity.Of("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            namespace App.Orders
            {
                public class Outer<T>
                {
                    public class Inner
                    {
                        Func<int, Task> _field = [Shield] async (int order) => await Task.Delay(order);
                        static Action<CancellationToken> s_field = [Shield] async (CancellationToken ct) => await Task.Delay(1, ct);

                        public Func<int, Task> Property { get; } = [Shield] (int order) => Task.Delay(order);

                        public Func<int, Task> Getter => [Shield] (int order) => Task.Delay(order);

                        public void Save(T item)
                        {
                            [Shield]
                            async void Local(CancellationToken ct) => await Task.Delay(1, ct);

                            [Shield]
                            int Count(CancellationToken ct)
                            {
                                [Shield]
                                Task Nested() => Task.CompletedTask;
                                Func<Task> lambda = [Shield] () => Nested();
                                return 0;
                            }

                            Local(default);
                            Count(default);
                        }

                        [Shield]
                        public Task Generic<U>(U value) => Task.CompletedTask;
                    }
                }
            }
            """);

        Assert.That(reports.Analyzer, Has.Count.EqualTo(9));
        Assert.That(reports.Analyzer, Is.EqualTo(reports.Weaver));
    }

    [Test]
    public async Task AccessorsPartialMethodsExplicitImplementationsAndTheGlobalNamespace()
    {
        var reports = await WeaverParity.Of("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public interface IStore
            {
                Task SaveAsync(int order);
            }

            public partial class Store : IStore
            {
                public Task Value { [Shield] get => Task.CompletedTask; }

                public Task this[CancellationToken ct] { [Shield] get => Task.CompletedTask; }

                [Shield]
                Task IStore.SaveAsync(int order) => Task.CompletedTask;

                [Shield]
                public partial Task LoadAsync(int order);

                [Shield]
                partial void Changed();
            }

            public partial class Store
            {
                public partial async Task LoadAsync(int order) => await Task.Delay(order);
            }

            [Shield]
            public struct Empty
            {
                public async Task SaveAsync() => await Task.Yield();
            }

            [Shield]
            public partial class OnlyDeclared
            {
                [Shield]
                partial void Changed();
            }
            """);

        Assert.That(reports.Analyzer, Has.Count.EqualTo(5));
        Assert.That(reports.Analyzer, Is.EqualTo(reports.Weaver));
    }

    [Test]
    public async Task DeadlinesAndBuildersOfShieldedTypes()
    {
        var reports = await WeaverParity.Of("""
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            [Shield(TimeoutMilliseconds = -1)]
            public class Negative
            {
                public async Task SelectedAsync(CancellationToken ct) => await Task.Delay(1, ct);

                [Shield]
                public Task ExplicitAsync(CancellationToken ct) => Task.CompletedTask;

                [Shield(TimeoutMilliseconds = 10)]
                public Task OwnDeadlineAsync(CancellationToken ct) => Task.CompletedTask;

                public async Task NotSelectedAsync() => await Task.Yield();
            }

            [Shield(TimeoutMilliseconds = 500)]
            public class Deadline
            {
                [Shield]
                public Task NoTokenAsync(int order) => Task.Delay(order);

                [Shield(TimeoutMilliseconds = 0)]
                public Task NoDeadlineAsync(int order) => Task.Delay(order);

                [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
                public async ValueTask PooledAsync(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """);

        Assert.That(reports.Analyzer, Has.Count.EqualTo(5));
        Assert.That(reports.Analyzer, Is.EqualTo(reports.Weaver));
    }
}
