using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD001: there is no task to hand the caller.</summary>
public class AsyncVoidTests
{
    [Test]
    public Task AsyncVoidMethodIsReportedOnItsName() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        namespace App
        {
            public class Orders
            {
                [Shield]
                public async void {|#0:Fire|}(CancellationToken ct) => await Task.Delay(1, ct);
            }
        }
        """,
        Diagnostic(ShieldDescriptors.AsyncVoid, 0, "App.Orders.Fire"));

    [Test]
    public Task AsyncVoidLambdaIsReportedOnItsAttribute() => Analyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            public Action<CancellationToken> Handler() => [{|#0:Shield|}] async (CancellationToken ct) => await Task.Delay(1, ct);
        }
        """,
        Diagnostic(ShieldDescriptors.AsyncVoid, 0, "Orders.Handler.<lambda>"));

    [Test]
    public Task AsyncVoidLocalFunctionIsReportedOnItsName() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            public void Run()
            {
                [Shield]
                async void {|#0:Fire|}(CancellationToken ct) => await Task.Delay(1, ct);
                Fire(default);
            }
        }
        """,
        Diagnostic(ShieldDescriptors.AsyncVoid, 0, "Orders.Run.Fire"));

    [Test]
    public Task AsyncTaskMethodLambdaAndLocalFunctionAreFine() => Analyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task FireAsync(CancellationToken ct) => await Task.Delay(1, ct);

            public Func<CancellationToken, Task> Handler() => [Shield] async (CancellationToken ct) => await Task.Delay(1, ct);

            public Task Run(CancellationToken ct)
            {
                [Shield]
                async Task FireAsync(CancellationToken token) => await Task.Delay(1, token);
                return FireAsync(ct);
            }
        }
        """);

    [Test]
    public Task AsyncVoidWithoutShieldIsNotOurBusiness() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;

        public class Orders
        {
            public async void Fire(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);
}
