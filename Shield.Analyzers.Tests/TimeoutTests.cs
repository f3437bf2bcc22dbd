using System.Threading.Tasks;
using NUnit.Framework;
using static Shield.Analyzers.Tests.Verify;

namespace Shield.Analyzers.Tests;

/// <summary>SHIELD007: a deadline needs a token to carry it. SHIELD015: a deadline cannot be negative.</summary>
public class TimeoutTests
{
    [Test]
    public Task DeadlineWithoutToken() => Analyzer("""
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield(TimeoutMilliseconds = 500)]
            public async Task {|#0:SaveAsync|}(int order) => await Task.Delay(order);
        }
        """,
        Diagnostic(ShieldDescriptors.TimeoutWithoutToken, 0, "Orders.SaveAsync"));

    [Test]
    public Task ZeroDeadlineWithoutTokenIsOnlyMissingItsToken() => Analyzer("""
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield(TimeoutMilliseconds = 0)]
            public async Task {|#0:SaveAsync|}(int order) => await Task.Delay(order);
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "Orders.SaveAsync"));

    [Test]
    public Task NegativeDeadlineComesFirst() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield(TimeoutMilliseconds = -5)]
            public async Task {|#0:SaveAsync|}(CancellationToken ct) => await Task.Delay(1, ct);

            [Shield(TimeoutMilliseconds = -1)]
            public int {|#1:Count|}() => 0;
        }
        """,
        Diagnostic(ShieldDescriptors.NegativeTimeout, 0, "Orders.SaveAsync", -5),
        Diagnostic(ShieldDescriptors.NegativeTimeout, 1, "Orders.Count", -1));

    [Test]
    public Task MethodsTakeTheirTypesDeadlineUnlessTheySetTheirOwn() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        [Shield(TimeoutMilliseconds = -5)]
        public class Negative
        {
            public async Task {|#0:SelectedAsync|}(CancellationToken ct) => await Task.Delay(1, ct);

            [Shield]
            public Task {|#1:Explicit|}(CancellationToken ct) => Task.CompletedTask;

            [Shield(TimeoutMilliseconds = 100)]
            public Task OwnDeadline(CancellationToken ct) => Task.CompletedTask;
        }

        [Shield(TimeoutMilliseconds = 500)]
        public class Deadline
        {
            public async Task SelectedAsync(CancellationToken ct) => await Task.Delay(1, ct);

            [Shield]
            public Task {|#2:NoToken|}(int order) => Task.Delay(order);
        }
        """,
        Diagnostic(ShieldDescriptors.NegativeTimeout, 0, "Negative.SelectedAsync", -5),
        Diagnostic(ShieldDescriptors.NegativeTimeout, 1, "Negative.Explicit", -5),
        Diagnostic(ShieldDescriptors.TimeoutWithoutToken, 2, "Deadline.NoToken"));

    [Test]
    public Task LocalFunctionsAndLambdasKeepTheirOwnDeadline() => Analyzer("""
        using System;
        using System.Threading.Tasks;
        using Shield;

        [Shield(TimeoutMilliseconds = -5)]
        public class Orders
        {
            public void Run(int order)
            {
                [Shield]
                Task {|#0:Local|}() => Task.Delay(order);
                Func<Task> lambda = [{|#1:Shield(TimeoutMilliseconds = 10)|}] () => Task.Delay(order);
                Local();
            }
        }
        """,
        Diagnostic(ShieldDescriptors.NoTokenParameter, 0, "Orders.Run.Local"),
        Diagnostic(ShieldDescriptors.TimeoutWithoutToken, 1, "Orders.Run.<lambda>"));

    [Test]
    public Task PositiveDeadlineWithTokenIsFine() => Analyzer("""
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        public class Orders
        {
            [Shield(TimeoutMilliseconds = 500)]
            public async Task SaveAsync(CancellationToken ct) => await Task.Delay(1, ct);
        }
        """);
}
