using System.Linq;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// Methods compiled with runtime-async=on have no state machine: the weave splits each shielded one into a private
/// runtime-async body that keeps the name and the lines, and a method with the original signature that callers
/// call. The behaviour tests run against the RuntimeAsync flavours like any other.
/// </summary>
public class RuntimeAsyncSplitTests
{
    static MethodDefinition[] SaveAsyncOverloads(ModuleDefinition module) =>
        [.. module.GetType("AssemblyToProcess.InstanceMethod").Methods.Where(m => m.Name == "SaveAsync")];

    [Test]
    public void TheFixturesReallyAreRuntimeAsync()
    {
        using var module = ModuleDefinition.ReadModule(new Flavor(WeavePath.TestRun, Flavor.RuntimeAsync, "net10.0").BuiltAssembly);
        var saveAsync = SaveAsyncOverloads(module).Single();
        Assert.That((int)(saveAsync.ImplAttributes & CecilExtensions.RuntimeAsyncFlag), Is.Not.Zero, "a wrong project setting silently gives state machines");
        Assert.That(saveAsync.CustomAttributes.Select(a => a.AttributeType.Name), Does.Not.Contain("AsyncStateMachineAttribute"));
    }

    [TestCase(WeavePath.TestRun)]
    [TestCase(WeavePath.MSBuild)]
    public void AShieldedMethodIsSplitIntoItsBodyAndTheMethodCallersCall(WeavePath path)
    {
        using var module = ModuleDefinition.ReadModule(WovenFlavor.Get(new Flavor(path, Flavor.RuntimeAsync, "net10.0")).AssemblyPath);
        var overloads = SaveAsyncOverloads(module);
        var caller = overloads.Single(m => m.IsPublic);
        var body = overloads.Single(m => m.IsPrivate);

        Assert.That((int)(caller.ImplAttributes & CecilExtensions.RuntimeAsyncFlag), Is.Zero, "callers call a plain method that returns the proxy");
        Assert.That(caller.CustomAttributes.Select(a => a.AttributeType.Name), Does.Contain("ShieldAttribute").And.Contain("ShieldedMethodAttribute"));
        Assert.That(caller.Parameters.Select(p => p.Name), Is.EqualTo(new[] { "probe", "ct" }));

        Assert.That((int)(body.ImplAttributes & CecilExtensions.RuntimeAsyncFlag), Is.Not.Zero, "the body is still run by the runtime");
        Assert.That(body.Parameters.Select(p => p.ParameterType.Name), Is.EqualTo(new[] { "Probe", "CancellationToken", "ShieldedBody" }));
        Assert.That(body.CustomAttributes, Is.Empty);
    }
}
