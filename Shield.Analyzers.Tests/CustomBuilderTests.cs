using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD013: Shield proxies the tasks of the four standard builders only.</summary>
public class CustomBuilderTests
{
    [Test]
    public Task PoolingBuildersOnShieldedAndSelectedMethods() => Analyzer("""
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
            public async ValueTask<int> {|#0:CountAsync|}(CancellationToken ct)
            {
                await Task.Delay(1, ct);
                return 1;
            }
        }

        [Shield]
        public class Store
        {
            [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
            public async ValueTask {|#1:FlushAsync|}(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """,
        Diagnostic(ShieldDescriptors.CustomBuilder, 0, "Orders.CountAsync", "PoolingAsyncValueTaskMethodBuilder<Int32>"),
        Diagnostic(ShieldDescriptors.CustomBuilder, 1, "Store.FlushAsync", "PoolingAsyncValueTaskMethodBuilder"));

    [Test]
    public Task StandardBuildersAndBuildersOnMethodsThatAreNotAsyncAreFine() => Analyzer("""
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield]
            [AsyncMethodBuilder(typeof(AsyncValueTaskMethodBuilder<>))]
            public async ValueTask<int> CountAsync(CancellationToken ct)
            {
                await Task.Delay(1, ct);
                return 1;
            }

            [Shield]
            [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
            public ValueTask Flush(CancellationToken ct) => default;
        }
        """);
}
