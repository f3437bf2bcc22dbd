using System.Linq;
using Fody;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// Methods compiled with runtime-async=on have no state machine to rewrite: until Shield supports them, each one
/// it is asked to shield gets SHIELD008 and is left as compiled.
/// </summary>
public class RuntimeAsyncTests
{
    static string CompiledPath => Repository.PathOf("AssemblyToProcess.RuntimeAsync", "bin", "Debug", "net10.0", "AssemblyToProcess.dll");

    [Test]
    public void TheFixturesReallyAreRuntimeAsync()
    {
        using var module = ModuleDefinition.ReadModule(CompiledPath);
        var saveAsync = module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync");
        Assert.That((int)saveAsync.ImplAttributes & 0x2000, Is.Not.Zero, "a wrong project setting silently gives state machines");
        Assert.That(saveAsync.CustomAttributes.Select(a => a.AttributeType.Name), Does.Not.Contain("AsyncStateMachineAttribute"));
    }

    [Test]
    public void EachShieldedRuntimeAsyncMethodGetsAnErrorAndIsLeftAsCompiled()
    {
        string? before = null;
        var result = new ModuleWeaver().ExecuteTestRun(CompiledPath, runPeVerify: false,
            beforeExecuteCallback: module => before = IlText.Of(module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync")),
            afterExecuteCallback: module => Assert.That(IlText.Of(module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync")), Is.EqualTo(before)));

        var error = result.Errors.Single(e => e.Text.StartsWith("SHIELD008: AssemblyToProcess.InstanceMethod.SaveAsync "));
        Assert.That(error.Text, Does.Contain("runtime-async method (MethodImplOptions.Async)"));
        Assert.That(error.SequencePoint?.Document.Url, Does.EndWith("InstanceMethod.cs"));
        Assert.That(result.Errors.Select(e => e.Text[..9]), Is.All.EqualTo("SHIELD008"));
        Assert.That(result.Errors, Has.Count.GreaterThan(15));
    }
}
