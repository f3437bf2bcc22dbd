using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

public class AsyncVoidTests
{
    [Test]
    public Task AsyncVoidMethodIsAnError() => Analyzer("""
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
    public Task AsyncTaskMethodIsFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            public async Task Fire(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);
}
