using System;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// Call sites into Fixtures.Library (never woven) that the fixtures' Calls patterns shield: every gate test of
/// [Shield] holds at the call site, and the settled cases behave as the README says.
/// </summary>
public class CallSitesTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 21;

    protected override Task Call(Probe probe, CancellationToken ct) => CallSite("Write", probe, ct);

    /// <summary>Calls a method of the CallSites fixture and returns what its caller receives, as a Task.</summary>
    Task CallSite(string method, params object?[] arguments)
    {
        var fixture = Woven.Create("CallSites");
        var info = fixture.GetType().GetMethod(method)!;
        info = info.IsGenericMethodDefinition ? info.MakeGenericMethod(typeof(string)) : info;
        return AsTask(WovenFlavor.Invoke<object>(info, fixture, arguments));
    }

    static Task AsTask(object returned) => returned switch
    {
        Task task => task,
        ValueTask valueTask => valueTask.AsTask(),
        ValueTask<int> valueTask => valueTask.AsTask(),
        _ => throw new ArgumentException($"not a task: {returned.GetType()}", nameof(returned)),
    };

    static object? ResultOf(Task task) => task.GetType().GetProperty("Result", BindingFlags.Public | BindingFlags.Instance)?.GetValue(task);

    /// <summary>Each shape the patterns select, called with the caller's token where the shape puts it.</summary>
    static readonly object?[] Shapes =
    [
        new object?[] { "WriteNoResult", null, null },
        new object?[] { "Count", null, 22 },
        new object?[] { "SaveValue", null, null },
        new object?[] { "WriteNullable", "nullable", 23 },
        new object?[] { "WriteTwoTokens", "second", 25 },
        new object?[] { "Echo", null, "echo" },
        new object?[] { "Get", "value", "boxed" },
        new object?[] { "Put", null, 32 },
        new object?[] { "Send", null, 31 },
        new object?[] { "ReadCursor", null, 26 },
        new object?[] { "WriteAsArgument", null, 21 },
        new object?[] { "WriteInLambda", null, 21 },
        new object?[] { "WriteInLocalFunction", null, 21 },
        new object?[] { "CheckedWriteAsArgument", null, 21 },
        new object?[] { "CheckedWriteIntoField", null, 21 },
        new object?[] { "CheckedWriteInFilter", null, 21 },
        new object?[] { "CheckedReadCursorAsArgument", null, 26 },
        new object?[] { "CheckedEchoAsArgument", "value", "boxed" },
        new object?[] { "CheckedWriteOnBaseAsArgument", null, 21 },
        new object?[] { "CheckedPutInStoreAsArgument", null, 32 },
        new object?[] { "CheckedPutInStoreSlotAsArgument", null, 33 },
        new object?[] { "CheckedPutInHeldStoreAsArgument", null, 32 },
        new object?[] { "CheckedPutInHeldStoreSlotAsArgument", null, 33 },
    ];

    /// <summary>Shapes whose caller is an async method: its task ends when its continuation runs, not when the proxy does.</summary>
    static readonly object?[] AwaitedShapes =
    [
        new object?[] { "WriteAwaited", null, 121 },
        new object?[] { "CheckedWriteBothAwaited", null, 42 },
        new object?[] { "EchoAsArgumentAwaited", "value", "boxed" },
    ];

    Task CallShape(string method, string? form, Probe probe, CancellationToken ct) => form switch
    {
        "nullable" => CallSite(method, probe, (CancellationToken?)ct),
        "second" => CallSite(method, probe, CancellationToken.None, ct),
        "value" => CallSite(method, "boxed", probe, ct),
        _ => CallSite(method, probe, ct),
    };

    [TestCaseSource(nameof(Shapes))]
    [TestCaseSource(nameof(AwaitedShapes))]
    public async Task EachShapeHandsTheCallerTheCalleesResult(string method, string? form, object? expected)
    {
        var probe = NewProbe();
        var result = await ShieldScenarios.CallerReceivesResult(probe, async ct =>
        {
            var task = CallShape(method, form, probe, ct);
            await task;
            return expected is null ? null : ResultOf(task);
        });
        Assert.That(result, Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Shapes))]
    public async Task EachShapeReleasesTheCallerAndTheCalleeFinishes(string method, string? form, object? expected)
    {
        var probe = NewProbe();
        await ShieldScenarios.BodyOutlivesCaller(probe, ct => CallShape(method, form, probe, ct));
    }

    /// <summary>Whatever the stack holds under the call, what the callee throws before any task reaches the caller itself, and nothing stays counted.</summary>
    [TestCase("CheckedWriteAsArgument")]
    [TestCase("CheckedWriteIntoField")]
    [TestCase("CheckedReadCursorAsArgument")]
    [TestCase("CheckedWriteOnBaseAsArgument")]
    [TestCase("CheckedPutInStoreAsArgument")]
    [TestCase("CheckedPutInStoreSlotAsArgument")]
    [TestCase("CheckedPutInHeldStoreAsArgument")]
    [TestCase("CheckedPutInHeldStoreSlotAsArgument")]
    public void ACalleeThatThrowsBeforeReturningATaskThrowsToTheCallerWhateverTheStackHolds(string method)
    {
        var probe = NewProbe();
        probe.RejectsBeforeTask = true;
        using var caller = new CancellationTokenSource();
        var thrown = Assert.Throws<ArgumentException>(() => CallSite(method, probe, caller.Token));
        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    /// <summary>
    /// A suspended async ValueTask method's ValueTask wraps its own Task: with a token that cannot cancel, no proxy is
    /// made and the caller gets that very Task; with one that can, a proxy.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task ASuspendedValueTaskCalleeIsConvertedOnlyWhenAProxyIsNeeded(bool cancelable)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var received = CallValueTask("CountRecorded", probe, cancelable ? caller.Token : CancellationToken.None);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        var own = ((ValueTask<int>)probe.Returned!).AsTask();
        Assert.That(ReferenceEquals(received.AsTask(), own), Is.EqualTo(!cancelable), cancelable ? "a proxy" : "the callee's own task");
        Assert.That(Runtime.InFlight, Is.EqualTo(1));
        probe.Open();
        Assert.That(await Limits.Within(received.AsTask(), "the call"), Is.EqualTo(22));
        await Limits.Within(Runtime.DrainAsync(), "the call to drain");
    }

    /// <summary>A ValueTask over an IValueTaskSource becomes a Task to be counted: a second continuation on the source would be a second awaiter.</summary>
    [Test]
    public async Task AValueTaskCalleeBackedByASourceIsCountedWhileItRuns()
    {
        var probe = NewProbe();
        var received = CallValueTask("CountFromSource", probe, CancellationToken.None);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(Runtime.GetInFlight(), Has.One.Matches<(string Operation, DateTimeOffset, TimeSpan)>(c => c.Operation == "Fixtures.Library.Ledger.CountFromSourceAsync"));
        probe.Open();
        Assert.That(await Limits.Within(received.AsTask(), "the call"), Is.EqualTo(27));
        await Limits.Within(Runtime.DrainAsync(), "the call to drain");
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    ValueTask<int> CallValueTask(string method, Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<ValueTask<int>>(Woven.Create("CallSites"), method, probe, ct);

    [Test]
    public async Task ANullNullableTokenStaysNull()
    {
        var probe = NewProbe();
        probe.Open();
        Assert.That(await (Task<int>)CallSite("WriteNullable", probe, null), Is.EqualTo(23));
        Assert.That(probe.Steps, Does.Contain("null"));
    }

    [Test]
    public async Task TheCallCountsInFlightUnderTheReceiversTypeName()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = CallSite("Send", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(Runtime.InFlight, Is.EqualTo(1));
        Assert.That(Runtime.GetInFlight(), Has.One.Matches<(string Operation, DateTimeOffset, TimeSpan)>(c => c.Operation == "Fixtures.Library.PaymentChannel.SendAsync"));
        probe.Open();
        await Limits.Within(task, "the call");
        await Limits.Within(Runtime.DrainAsync(), "the call to drain");
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [Test]
    public async Task ATokenPassedAsNoneIsCountedWhileItRunsWithoutAProxy()
    {
        var probe = NewProbe();
        var task = (Task<int>)CallSite("WriteWithNone", probe);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(Runtime.GetInFlight(), Has.One.Matches<(string Operation, DateTimeOffset, TimeSpan)>(c => c.Operation == "Fixtures.Library.Ledger.WriteAsync"));
        probe.Open();
        Assert.That(await Limits.Within(task, "the call"), Is.EqualTo(21));
    }

    [Test]
    public async Task TheCallerWhoWaitsReceivesTheCalleesOwnException()
    {
        var probe = NewProbe();
        await ShieldScenarios.CallerReceivesTheBodysOwnException(probe, Runtime, ct => CallSite("Fail", probe, ct));
    }

    [Test]
    public async Task AFaultAfterTheCallerWalkedAwayIsReportedOnce()
    {
        var probe = NewProbe();
        await ShieldScenarios.FaultAfterTheCallerWalkedAwayIsReportedOnce(probe, Runtime, ct => CallSite("Fail", probe, ct), "Fixtures.Library.Ledger.FailAsync");
    }

    [Test]
    public void ACalleeThatThrowsBeforeReturningATaskThrowsToTheCaller()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var thrown = Assert.Throws<ArgumentException>(() => CallSite("Reject", probe, caller.Token));
        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [TestCaseSource(nameof(AwaitedShapes))]
    public async Task ACallInsideAnAsyncMethodIsShielded(string method, string? form, object? expected)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = CallShape(method, form, probe, caller.Token);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");
        caller.Cancel();

        Assert.That(await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(task, "the caller")), Is.Not.Null);
        probe.Open();
        await Limits.Within(probe.WhenStep("saved"), "the callee to finish after its caller walked away");
        Assert.That(probe.TokensSeenCancelable, Is.All.False);
    }

    /// <summary>Calls the patterns do not select, or that are left alone: the callee sees the caller's own token.</summary>
    [TestCase("WriteThroughDelegate")]
    [TestCase("WriteExcluded")]
    [TestCase("SendOnChannel")]
    public async Task CallsThatAreNotShieldedPassTheCallersToken(string method)
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = CallSite(method, probe, caller.Token);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }));
        Assert.That(Runtime.InFlight, Is.Zero);
        probe.Open();
        await Limits.Within(task, "the call");
    }

    [Test]
    public async Task AStackMergeHidesTheReceiversTypeSoOnlyTheDeclarationIsMatched()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = CallSite("SendOnEither", probe, caller.Token, true);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(probe.TokensSeenCancelable, Is.EqualTo(new[] { true }), "Channel.SendAsync is named by no pattern");
        probe.Open();
        await Limits.Within(task, "the call");
    }

    [Test]
    public async Task TheOverloadWithoutATokenIsNotShielded()
    {
        var probe = NewProbe();
        var task = CallSite("WriteWithoutToken", probe);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(Runtime.InFlight, Is.Zero, "the overload's own call of WriteAsync is inside the library, which is not woven");
        probe.Open();
        await Limits.Within(task, "the call");
    }

    [Test]
    public async Task ACallInsideAShieldedMethodIsLeftAlone()
    {
        var probe = NewProbe();
        using var caller = new CancellationTokenSource();
        var task = CallSite("WriteInsideShielded", probe, caller.Token);
        await Limits.Within(probe.AtGate, "the callee to reach its gate");

        Assert.That(Runtime.GetInFlight(), Has.One.Matches<(string Operation, DateTimeOffset, TimeSpan)>(c => c.Operation == "AssemblyToProcess.CallSites.WriteInsideShielded"));
        Assert.That(Runtime.InFlight, Is.EqualTo(1), "counted once, by the method, not again by its call");
        probe.Open();
        await Limits.Within(task, "the call");
    }
}
