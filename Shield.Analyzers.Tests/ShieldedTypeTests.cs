using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>
/// [Shield] on a class or struct selects its async methods with a token parameter and passes the others over
/// silently, as the weaver does; SHIELD009 when it selects nothing and nothing in it has [Shield] of its own.
/// </summary>
public class ShieldedTypeTests
{
    [Test]
    public Task ClassThatSelectsNothingIsReportedOnItsAttribute() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        namespace App
        {
            [{|#0:Shield|}]
            public class Orders
            {
                public async Task SaveAsync() => await Task.Yield();
                public Task Save(CancellationToken ct) => Task.CompletedTask;
                public async void Fire(CancellationToken ct) => await Task.Delay(1, ct);
                public int Count(CancellationToken ct) => 0;

                public class Nested
                {
                    public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
                }
            }
        }
        """,
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 0, "App.Orders"));

    [Test]
    public Task StructAndRecordThatSelectNothing() => Analyzer("""
        using Shield;

        [{|#0:Shield|}]
        public struct Empty<T>
        {
        }

        [{|#1:Shield(TimeoutMilliseconds = -5)|}]
        public record Order(int Id);
        """,
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 0, "Empty"),
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 1, "Order"));

    [Test]
    public Task PartialClassIsReportedOnceOnTheAttribute() => Analyzer("""
        using System.Threading.Tasks;
        using Shield;

        [{|#0:Shield|}]
        public partial class Orders
        {
            public async Task SaveAsync() => await Task.Yield();
        }

        public partial class Orders
        {
            public async Task LoadAsync() => await Task.Yield();
        }
        """,
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 0, "Orders"));

    [Test]
    public Task SelectedMethodInAnyPartIsEnough() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        [Shield]
        public partial class Orders
        {
            public async Task SaveAsync() => await Task.Yield();
        }

        public partial class Orders
        {
            public async Task LoadAsync(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);

    [Test]
    public Task MethodsWithTheirOwnShieldAreReportedInsteadOfTheType() => Analyzer("""
        using System.Threading.Tasks;
        using Shield;

        [Shield]
        public class Orders
        {
            [Shield]
            public async Task {|#0:SaveAsync|}(int order) => await Task.Delay(order);
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "Orders.SaveAsync"));

    [Test]
    public Task PartialMethodWithoutImplementationIsNotEmittedSoItDoesNotCount() => Analyzer("""
        using Shield;

        [{|#0:Shield|}]
        public partial class Orders
        {
            [Shield]
            partial void Changed();
        }
        """,
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 0, "Orders"));

    [TestCase("[Shield] Task Local(CancellationToken ct) => Task.CompletedTask; Local(default);")]
    [TestCase("Func<CancellationToken, Task> lambda = [Shield] (CancellationToken ct) => Task.CompletedTask;")]
    public Task LocalFunctionOrLambdaWithItsOwnShieldIsEnough(string body) => Analyzer($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        [Shield]
        public class Orders
        {
            public void Run()
            {
                {{body}}
            }
        }
        """);

    [Test]
    public Task LocalFunctionInANestedTypeDoesNotCountForTheOuterType() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        [{|#0:Shield|}]
        public class Orders
        {
            public class Nested
            {
                public void Run()
                {
                    [Shield] Task Local(CancellationToken ct) => Task.CompletedTask;
                    Local(default);
                }
            }
        }
        """,
        Diagnostic(ShieldDescriptors.TypeWithoutTargets, 0, "Orders"));

    [Test]
    public Task ClassAndStructWithSelectedMethodsAreFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        [Shield]
        public class Orders
        {
            public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
            public static async ValueTask<int> CountAsync(CancellationToken? ct) { await Task.Yield(); return 1; }
            public async Task NotSelectedAsync() => await Task.Yield();
            public Task NotAsync() => Task.CompletedTask;
        }

        [Shield(TimeoutMilliseconds = 500)]
        public struct Store
        {
            private async Task<int> LoadAsync(int id, CancellationToken ct) { await Task.Delay(1, ct); return id; }
        }
        """);
}
