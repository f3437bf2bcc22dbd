using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD001's fix: async void becomes async Task, unless the void belongs to a delegate or a base.</summary>
public class ReturnTaskCodeFixTests
{
    static Task Fix(string source, string fixedSource) => CodeFix<ReturnTaskCodeFix>(source, fixedSource, ReturnTaskCodeFix.EquivalenceKey);

    [Test]
    public Task AMethodAndALocalFunctionReturnTaskWithTheirTriviaKept() => Fix("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            /// <summary>Fires.</summary>
            [Shield]
            public async /* kept */ void {|SHIELD001:Fire|}(CancellationToken ct) => await Task.Delay(1, ct);

            public void Run()
            {
                [Shield]
                async void {|SHIELD001:Local|}(CancellationToken ct) => await Task.Delay(1, ct);
                Local(default);
                Fire(default);
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            /// <summary>Fires.</summary>
            [Shield]
            public async /* kept */ Task Fire(CancellationToken ct) => await Task.Delay(1, ct);

            public void Run()
            {
                [Shield]
                async Task Local(CancellationToken ct) => await Task.Delay(1, ct);
                Local(default);
                Fire(default);
            }
        }
        """);

    [Test]
    public Task TheUsingDirectiveForTaskIsAddedWhenMissing() => Fix("""
        using System.Threading;
        using Shield;

        public class Orders
        {
            [Shield]
            public async void {|SHIELD001:Fire|}(CancellationToken ct) => await System.Threading.Tasks.Task.Yield();
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task Fire(CancellationToken ct) => await System.Threading.Tasks.Task.Yield();
        }
        """);

    [Test]
    public Task NotOfferedForAnEventHandlerAnOverrideAnInterfaceImplementationOrALambda()
    {
        const string source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public interface IFirer { void Fire(CancellationToken ct); }

            public abstract class Base { public abstract void Fire(CancellationToken ct); }

            public class Orders : Base, IFirer
            {
                public event Action<CancellationToken>? Changed;

                public Orders() => Changed += OnChanged;

                [Shield]
                async void {|SHIELD001:OnChanged|}(CancellationToken ct) => await Task.Delay(1, ct);

                [Shield]
                public override async void {|SHIELD001:Fire|}(CancellationToken ct) => await Task.Delay(1, ct);

                [Shield]
                async void IFirer.{|SHIELD001:Fire|}(CancellationToken ct) => await Task.Delay(1, ct);

                public Action<CancellationToken> Handler() => [{|SHIELD001:Shield|}] async (CancellationToken ct) => await Task.Delay(1, ct);
            }
            """;
        return Fix(source, source);
    }

    [Test]
    public Task FixAllChangesEveryDocument() => CodeFix<ReturnTaskCodeFix>(
        [
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Orders
            {
                [Shield] public async void {|SHIELD001:Save|}(CancellationToken ct) => await Task.Delay(1, ct);
                [Shield] public async void {|SHIELD001:Send|}(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Invoices
            {
                [Shield] public async void {|SHIELD001:Bill|}(CancellationToken ct) => await Task.Delay(1, ct);
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
                [Shield] public async Task Save(CancellationToken ct) => await Task.Delay(1, ct);
                [Shield] public async Task Send(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            public class Invoices
            {
                [Shield] public async Task Bill(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
        ],
        ReturnTaskCodeFix.EquivalenceKey);
}
