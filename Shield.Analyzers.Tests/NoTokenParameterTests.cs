using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD006: without a token parameter there is nothing to shield.</summary>
public class NoTokenParameterTests
{
    [Test]
    public Task MethodLambdaAndLocalFunctionWithoutToken() => Analyzer("""
        using System;
        using System.Threading.Tasks;
        using Shield;

        namespace App
        {
            public class Orders
            {
                [Shield]
                public async Task {|#0:SaveAsync|}(int order) => await Task.Delay(order);

                public Func<int, Task> Handler => [{|#1:Shield|}] async (int order) => await Task.Delay(order);

                public Task Run()
                {
                    [Shield]
                    Task {|#2:Flush|}() => Task.CompletedTask;
                    return Flush();
                }
            }
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "App.Orders.SaveAsync"),
        Diagnostic(ShieldDescriptors.NoTokenParameter, 1, "App.Orders.get_Handler.<lambda>"),
        Diagnostic(ShieldDescriptors.NoTokenParameter, 2, "App.Orders.Run.Flush"));

    [Test]
    public Task PartialMethodIsReportedOnItsImplementation() => Analyzer("""
        using System.Threading.Tasks;
        using Shield;

        public partial class Orders
        {
            public partial Task SaveAsync(int order);
        }

        public partial class Orders
        {
            [Shield]
            public partial async Task {|#0:SaveAsync|}(int order) => await Task.Delay(order);
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "Orders.SaveAsync"));

    [Test]
    public Task AnyTokenOrNullableTokenParameterIsEnough() => Analyzer("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task SaveAsync(int order, CancellationToken? ct = null) => await Task.Delay(order, ct ?? default);

            [Shield]
            public Task Save(string name, CancellationToken first, CancellationToken second) => Task.CompletedTask;

            public Func<CancellationToken?, Task> Handler => [Shield] (CancellationToken? ct) => Task.CompletedTask;
        }
        """);
}
