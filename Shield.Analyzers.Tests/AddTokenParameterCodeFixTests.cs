using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD006's first fix: a <c>CancellationToken cancellationToken = default</c> parameter.</summary>
public class AddTokenParameterCodeFixTests
{
    static Task Fix(string source, string fixedSource) => CodeFix<AddTokenParameterCodeFix>(source, fixedSource, AddTokenParameterCodeFix.EquivalenceKey);

    [Test]
    public Task TheTokenGoesLastWithItsUsingDirective() => Fix("""
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task {|SHIELD006:SaveAsync|}(int order, string name) => await Task.Delay(order);

            [Shield]
            public Task {|SHIELD006:PingAsync|}() => Task.CompletedTask;
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task SaveAsync(int order, string name, CancellationToken cancellationToken = default) => await Task.Delay(order);

            [Shield]
            public Task PingAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        }
        """);

    [Test]
    public Task TheTokenGoesBeforeParamsFollowsTheListsLayoutAndAvoidsTakenNames() => Fix("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task {|SHIELD006:SaveAsync|}(
                int cancellationToken,
                params int[] orders) => await Task.Delay(cancellationToken);

            public Task Run()
            {
                [Shield]
                async Task {|SHIELD006:Local|}(int order) => await Task.Delay(order);
                return Local(1);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task SaveAsync(
                int cancellationToken,
                CancellationToken cancellationToken2 = default,
                params int[] orders) => await Task.Delay(cancellationToken);

            public Task Run()
            {
                [Shield]
                async Task Local(int order, CancellationToken cancellationToken = default) => await Task.Delay(order);
                return Local(1);
            }
        }
        """);

    [Test]
    public Task NotOfferedOnAnOverrideAnInterfaceImplementationOrALambda()
    {
        const string source = """
            using System;
            using System.Threading.Tasks;
            using Shield;

            public interface ISaver { Task SaveAsync(int order); }

            public abstract class Base { public abstract Task SendAsync(int order); }

            public class Orders : Base, ISaver
            {
                [Shield]
                public Task {|SHIELD006:SaveAsync|}(int order) => Task.Delay(order);

                [Shield]
                public override Task {|SHIELD006:SendAsync|}(int order) => Task.Delay(order);

                public Func<int, Task> Handler() => [{|SHIELD006:Shield|}] (int order) => Task.Delay(order);
            }
            """;
        return Fix(source, source);
    }

    [Test]
    public Task FixAllChangesEveryDocument() => CodeFix<AddTokenParameterCodeFix>(
        [
            """
            using System.Threading.Tasks;
            using Shield;

            public class Orders
            {
                [Shield] public Task {|SHIELD006:SaveAsync|}(int order) => Task.Delay(order);
                [Shield] public Task {|SHIELD006:SendAsync|}(int order) => Task.Delay(order);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Invoices
            {
                [Shield] public Task {|SHIELD006:BillAsync|}() => Task.CompletedTask;
            }
            """,
        ],
        [
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Orders
            {
                [Shield] public Task SaveAsync(int order, CancellationToken cancellationToken = default) => Task.Delay(order);
                [Shield] public Task SendAsync(int order, CancellationToken cancellationToken = default) => Task.Delay(order);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Invoices
            {
                [Shield] public Task BillAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
            }
            """,
        ],
        AddTokenParameterCodeFix.EquivalenceKey);
}
