using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>The fix SHIELD006, SHIELD007, SHIELD009 and SHIELD015 share: removing the [Shield] they are about.</summary>
public class RemoveShieldCodeFixTests
{
    static Task Fix(string source, string fixedSource) => CodeFix<RemoveShieldCodeFix>(source, fixedSource, RemoveShieldCodeFix.EquivalenceKey);

    [Test]
    public Task TheMethodsShieldGoesAndItsCommentsStay() => Fix("""
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            /// <summary>Saves.</summary>
            [Shield]
            public Task {|SHIELD006:SaveAsync|}(int order) => Task.Delay(order);

            // Sends.
            [System.Obsolete]
            [Shield(TimeoutMilliseconds = 100)]
            public Task {|SHIELD007:SendAsync|}(int order) => Task.Delay(order);

            [Shield(TimeoutMilliseconds = -1), System.Obsolete]
            public Task {|SHIELD015:BillAsync|}(System.Threading.CancellationToken ct) => Task.Delay(1, ct);
        }
        """, """
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            /// <summary>Saves.</summary>
            public Task SaveAsync(int order) => Task.Delay(order);

            // Sends.
            [System.Obsolete]
            public Task SendAsync(int order) => Task.Delay(order);

            [System.Obsolete]
            public Task BillAsync(System.Threading.CancellationToken ct) => Task.Delay(1, ct);
        }
        """);

    [Test]
    public Task ALambdasShieldGoes() => Fix("""
        using System;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            public Func<int, Task> Handler() => [{|SHIELD006:Shield|}] (int order) => Task.Delay(order);
        }
        """, """
        using System;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            public Func<int, Task> Handler() => (int order) => Task.Delay(order);
        }
        """);

    [Test]
    public Task FixAllRemovesTheShieldOfEveryTypeThatSelectsNothing() => CodeFix<RemoveShieldCodeFix>(
        [
            """
            using Shield;

            /// <summary>Orders.</summary>
            [{|SHIELD009:Shield|}]
            public class Orders
            {
                public void Save() { }
            }
            """,
            """
            using Shield;

            [{|SHIELD009:Shield|}]
            public struct Invoice
            {
            }

            [System.Serializable, {|SHIELD009:Shield|}]
            public class Bill
            {
            }
            """,
        ],
        [
            """
            using Shield;

            /// <summary>Orders.</summary>
            public class Orders
            {
                public void Save() { }
            }
            """,
            """
            using Shield;

            public struct Invoice
            {
            }

            [System.Serializable]
            public class Bill
            {
            }
            """,
        ],
        RemoveShieldCodeFix.EquivalenceKey);
}
