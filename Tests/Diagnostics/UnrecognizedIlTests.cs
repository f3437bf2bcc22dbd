using System;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// A kickoff or state machine rewritten by another weaver or an obfuscator gets SHIELD005 naming the method,
/// never an exception, and is left as it was. Each test plays the other weaver on the module before Shield runs.
/// </summary>
public class UnrecognizedIlTests
{
    const string Operation = "AssemblyToProcess.InstanceMethod.SaveAsync";

    static MethodDefinition Kickoff(ModuleDefinition module) =>
        module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync");

    static MethodDefinition MoveNext(ModuleDefinition module) =>
        module.GetType("AssemblyToProcess.InstanceMethod").NestedTypes.Single(t => t.Name.Contains("SaveAsync")).Methods.Single(m => m.Name == "MoveNext");

    static void WeaveAfter(string configuration, Action<ModuleDefinition> otherWeaver, string expectedDetail)
    {
        string? before = null;
        var result = new ModuleWeaver().ExecuteTestRun(
            WovenFlavor.CompiledFixturePath(configuration, "net10.0"),
            runPeVerify: false,
            folderName: "unrecognized",
            beforeExecuteCallback: module =>
            {
                otherWeaver(module);
                before = IlText.WithStateMachine(Kickoff(module));
            },
            afterExecuteCallback: module =>
                Assert.That(IlText.WithStateMachine(Kickoff(module)), Is.EqualTo(before), "the method is left as it was"));

        var error = result.Errors.Single(e => e.Text.StartsWith("SHIELD005:"));
        Assert.That(error.Text, Does.StartWith($"SHIELD005: {Operation}: {expectedDetail}."));
        Assert.That(error.Text, Does.Contain("List Shield first in FodyWeavers.xml, or remove [Shield]."));
        Assert.That(error.SequencePoint?.Document.Url, Does.EndWith("InstanceMethod.cs"));
        Assert.That(result.Errors, Has.Count.EqualTo(1), "the other methods are woven as usual");
    }

    [TestCase("Debug")]
    [TestCase("Release")]
    public void KickoffThatDoesNotReturnTheBuildersTask(string configuration) =>
        WeaveAfter(configuration, module =>
        {
            var ret = Kickoff(module).Body.Instructions.Last();
            var il = Kickoff(module).Body.GetILProcessor();
            il.InsertBefore(ret, il.Create(OpCodes.Dup));
            il.InsertBefore(ret, il.Create(OpCodes.Pop));
        }, "its kickoff method does not start the state machine and return its builder's task");

    [TestCase("Debug")]
    [TestCase("Release")]
    public void MoveNextThatNoLongerEndsTheTaskThroughItsBuilder(string configuration) =>
        WeaveAfter(configuration, module =>
        {
            var setException = MoveNext(module).Body.Instructions.Single(i => i.Operand is MethodReference { Name: "SetException" });
            setException.Operand = module.ImportReference(typeof(GC).GetMethod(nameof(GC.KeepAlive)));
            setException.Previous.Previous.Previous.OpCode = OpCodes.Nop;
            setException.Previous.Previous.OpCode = OpCodes.Nop;
            setException.Previous.Previous.Operand = null;
        }, "its MoveNext does not read its state and end its task through its builder");
}
