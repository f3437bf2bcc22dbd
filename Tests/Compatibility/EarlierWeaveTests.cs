using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.Compatibility;

/// <summary>
/// The runtime is a binary contract: assemblies woven by earlier builds of Shield.Fody (kept as built, one folder each
/// under Tests/Compatibility) run on the runtime built from this repository, with the semantics they were woven for.
/// 0.1.0 calls only the hooks after the builder sets the body's task (<c>Completed</c>, <c>Faulted</c>); 3e26c01 calls
/// <c>Completing</c>/<c>Completed</c> around a result and <c>Faulting</c>/<c>Faulted</c> around a fault, where later
/// weaves call <c>Finishing</c>/<c>Finished</c> around a result.
/// </summary>
[NonParallelizable]
[TestFixture("0.1.0", new[] { "Suspending", "Completed", "Faulted" })]
[TestFixture("3e26c01", new[] { "Suspending", "Completing", "Completed", "Faulting", "Faulted" })]
public class EarlierWeaveTests(string wovenBy, string[] stateMachineCalls)
{
    static readonly Dictionary<string, (Assembly Fixtures, RuntimeView Runtime)> Loaded = [];

    Probe _probe = null!;

    string WovenAssembly => Repository.PathOf("Tests", "Compatibility", $"WovenBy-{wovenBy}", "AssemblyToProcess.dll");

    (Assembly Fixtures, RuntimeView Runtime) Load()
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(wovenBy, out var loaded))
            {
                var currentRuntime = Path.GetDirectoryName(typeof(Shield.ShieldAttribute).Assembly.Location)!;
                var context = RuntimeLoadContext.InFolder($"woven by {wovenBy}", currentRuntime);
                Loaded[wovenBy] = loaded = (context.LoadFromAssemblyPath(WovenAssembly), context.ViewRuntime());
            }

            return loaded;
        }
    }

    RuntimeView Runtime => Load().Runtime;

    Task<int> SaveAsync(string fixture, Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Activator.CreateInstance(Load().Fixtures.GetType($"AssemblyToProcess.{fixture}", throwOnError: true)!)!, "SaveAsync", probe, ct);

    // NUnit makes one instance for all the tests: each test gets a gate of its own.
    [SetUp]
    public void NewProbe() => _probe = new Probe();

    [TearDown]
    public async Task OpenAndDrain()
    {
        _probe.Open();
        await Limits.Within(Runtime.DrainAsync(), "the earlier weave's work to drain");
    }

    [Test]
    public void ItIsTheEarlierWeaveRunningOnThisRuntime()
    {
        Assert.That(Runtime.Assembly.Location, Is.EqualTo(typeof(Shield.ShieldAttribute).Assembly.Location), "the runtime built from this repository");
        using var module = ModuleDefinition.ReadModule(WovenAssembly);
        var stateMachine = module.GetType("AssemblyToProcess.InstanceMethod").NestedTypes.Single(t => t.Name.Contains("SaveAsync"));
        var runtimeCalls = stateMachine.Methods.Single(m => m.Name == "MoveNext").Body.Instructions
            .Select(i => i.Operand).OfType<MethodReference>().Where(m => m.DeclaringType.FullName == Shield.Fody.Contract.WeaveContract.Runtime.FullName).Select(m => m.Name).ToList();
        Assert.That(runtimeCalls, Is.EquivalentTo(stateMachineCalls), $"the hooks the weave of {wovenBy} calls");
    }

    [TestCase("InstanceMethod", false)]
    [TestCase("InstanceMethod", true)]
    [TestCase("NonAsyncMethod", false)]
    [TestCase("NonAsyncMethod", true)]
    public async Task TheCallerGetsTheResultAndTheCallDrains(string fixture, bool cancelable)
    {
        using var caller = new CancellationTokenSource();
        var task = SaveAsync(fixture, _probe, cancelable ? caller.Token : CancellationToken.None);
        await Limits.Within(_probe.AtGate, "the body to reach its gate");
        Assert.That(Runtime.InFlight, Is.EqualTo(1));
        Assert.That(Runtime.GetInFlight().Single().Operation, Is.EqualTo($"AssemblyToProcess.{fixture}.SaveAsync"));

        _probe.Open();
        Assert.That(await Limits.Within(task, "the call"), Is.EqualTo(fixture == "InstanceMethod" ? 42 : 13));
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
        Assert.That(_probe.TokensSeenCancelable, Is.EqualTo(new[] { false }), "the body got a token that never fires");
    }

    [Test]
    public async Task TheCallerWalksAwayAtOnceAndTheBodyRunsOn()
    {
        using var caller = new CancellationTokenSource();
        var task = SaveAsync("InstanceMethod", _probe, caller.Token);
        await Limits.Within(_probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        Assert.That(task.IsCanceled, Is.True, "the proxy is canceled as soon as the caller's token fires");

        _probe.Open();
        await Limits.Within(_probe.WhenStep("saved"), "the body to finish");
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(Runtime.InFlight, Is.Zero);
    }

    [Test]
    public async Task AFaultAfterTheCallerWalkedAwayIsReportedOnceBeforeTheDrainCompletes()
    {
        Task? drain = null;
        var drainedAtReport = true;
        using var faults = Runtime.RecordUnobservedFaults((_, _) => drainedAtReport = drain!.IsCompleted);
        using var caller = new CancellationTokenSource();
        _ = SaveAsync("ThrowAfterAwait", _probe, caller.Token);
        await Limits.Within(_probe.AtGate, "the body to reach its gate");
        caller.Cancel();
        drain = Runtime.DrainAsync();

        _probe.Open();
        await Limits.Within(drain, "the drain");
        Assert.That(faults.Faults.Select(f => (f.Operation, f.Exception)), Is.EqualTo(new[] { ("AssemblyToProcess.ThrowAfterAwait.SaveAsync", _probe.Thrown) }));
        Assert.That(drainedAtReport, Is.False);
    }

    [Test]
    public async Task AFaultTheCallerWaitsForIsTheCallersAndNotReported()
    {
        using var faults = Runtime.RecordUnobservedFaults();
        using var caller = new CancellationTokenSource();
        var task = SaveAsync("ThrowAfterAwait", _probe, caller.Token);
        await Limits.Within(_probe.AtGate, "the body to reach its gate");

        _probe.Open();
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Limits.Within(task, "the call"));
        Assert.That(thrown, Is.SameAs(_probe.Thrown));
        await Limits.Within(Runtime.DrainAsync(), "the drain");
        Assert.That(faults.Faults, Is.Empty);
    }
}
