using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD003: abstract, extern and interface members without a body have nothing to weave.</summary>
public class NoBodyTests
{
    [Test]
    public Task AbstractExternAndInterfaceMembers() => Analyzer("""
        using System.Runtime.InteropServices;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public abstract class Store
        {
            [Shield]
            public abstract Task {|#0:SaveAsync|}(CancellationToken ct);

            [Shield]
            [DllImport("libc")]
            public static extern int {|#1:Native|}(CancellationToken ct);
        }

        public interface IStore
        {
            [Shield]
            Task {|#2:SaveAsync|}(CancellationToken ct);

            [Shield]
            static abstract Task {|#3:CreateAsync|}(CancellationToken ct);
        }
        """,
        Diagnostic(ShieldDescriptors.NoBody, 0, "Store.SaveAsync"),
        Diagnostic(ShieldDescriptors.NoBody, 1, "Store.Native"),
        Diagnostic(ShieldDescriptors.NoBody, 2, "IStore.SaveAsync"),
        Diagnostic(ShieldDescriptors.NoBody, 3, "IStore.CreateAsync"));

    [Test]
    public Task ImplementationsAndDefaultInterfaceMethodsAreFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public abstract class Store
        {
            public abstract Task SaveAsync(CancellationToken ct);
        }

        public class SqlStore : Store
        {
            [Shield]
            public override async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
        }

        public interface IStore
        {
            [Shield]
            async Task FlushAsync(CancellationToken ct) => await Task.Delay(1, ct);

            [Shield]
            Task Flush(CancellationToken ct) => Task.CompletedTask;
        }
        """);

    [Test]
    public Task PartialMethodIsJudgedByItsImplementation() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public partial class Store
        {
            [Shield]
            public partial Task SaveAsync(CancellationToken ct);

            [Shield]
            partial void Changed();
        }

        public partial class Store
        {
            public partial async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);
}
