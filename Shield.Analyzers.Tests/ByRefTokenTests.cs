using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD004: a token passed by reference cannot be replaced for the body.</summary>
public class ByRefTokenTests
{
    [Test]
    public Task RefOutAndInTokens() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public Task {|#0:ByRef|}(ref CancellationToken ct) => Task.Delay(1, ct);

            [Shield]
            public Task {|#1:ByIn|}(int order, in CancellationToken token) => Task.Delay(order, token);

            [Shield]
            public Task {|#2:ByOut|}(out CancellationToken ct)
            {
                ct = CancellationToken.None;
                return Task.CompletedTask;
            }

            [Shield]
            public Task {|#3:NullableByRef|}(ref CancellationToken? ct) => Task.CompletedTask;
        }
        """,
        Diagnostic(ShieldDescriptors.ByRefToken, 0, "Orders.ByRef", "ct"),
        Diagnostic(ShieldDescriptors.ByRefToken, 1, "Orders.ByIn", "token"),
        Diagnostic(ShieldDescriptors.ByRefToken, 2, "Orders.ByOut", "ct"),
        Diagnostic(ShieldDescriptors.ByRefToken, 3, "Orders.NullableByRef", "ct"));

    [Test]
    public Task TokenByValueBesideOtherByRefParametersIsFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public Task Save(ref int order, CancellationToken ct) => Task.Delay(order, ct);
        }
        """);

    [Test]
    public Task AnAsyncMethodIsLeftToTheCompiler() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task SaveAsync(ref CancellationToken {|#0:ct|}) => await Task.Yield();
        }
        """,
        DiagnosticResult.CompilerError("CS1988").WithLocation(0));
}
