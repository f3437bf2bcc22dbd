using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>
/// The fix of SHIELD007 and SHIELD015: removing TimeoutMilliseconds from the [Shield] that sets it. Without a token, the
/// method is then reported as SHIELD006, which the fixed source says.
/// </summary>
public class RemoveTimeoutCodeFixTests
{
    static Task Fix(string source, string fixedSource) => CodeFix<RemoveTimeoutCodeFix>(source, fixedSource, RemoveTimeoutCodeFix.EquivalenceKey);

    [Test]
    public Task TheArgumentGoesAndTheAttributeStays() => Fix("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield(TimeoutMilliseconds = 100)] // why
            public Task {|SHIELD007:SaveAsync|}(int order) => Task.Delay(order);

            [Shield(TimeoutMilliseconds = -5)]
            public Task {|SHIELD015:SendAsync|}(CancellationToken ct) => Task.Delay(1, ct);
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield] // why
            public Task {|SHIELD006:SaveAsync|}(int order) => Task.Delay(order);

            [Shield]
            public Task SendAsync(CancellationToken ct) => Task.Delay(1, ct);
        }
        """);

    [Test]
    public Task FixAllFixesTheTypesTimeoutForEveryMethodItSelects() => CodeFix<RemoveTimeoutCodeFix>(
        [
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            [Shield(TimeoutMilliseconds = -1)]
            public partial class Orders
            {
                public async Task {|SHIELD015:SaveAsync|}(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;

            public partial class Orders
            {
                public async Task {|SHIELD015:SendAsync|}(CancellationToken ct) => await Task.Delay(1, ct);
            }

            public class Invoices
            {
                [Shield.Shield(TimeoutMilliseconds = -2)]
                public async Task {|SHIELD015:BillAsync|}(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
        ],
        [
            """
            using System.Threading;
            using System.Threading.Tasks;
            using Shield;

            [Shield]
            public partial class Orders
            {
                public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
            """
            using System.Threading;
            using System.Threading.Tasks;

            public partial class Orders
            {
                public async Task SendAsync(CancellationToken ct) => await Task.Delay(1, ct);
            }

            public class Invoices
            {
                [Shield.Shield]
                public async Task BillAsync(CancellationToken ct) => await Task.Delay(1, ct);
            }
            """,
        ],
        RemoveTimeoutCodeFix.EquivalenceKey);
}
