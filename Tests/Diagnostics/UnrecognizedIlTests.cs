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
/// A kickoff or state machine rewritten by another weaver or an obfuscator gets SHIELD005 naming the method and the
/// compiler the assembly shows, never an exception, and is left as it was. Each test plays the other weaver on the module before Shield runs.
/// </summary>
public class UnrecognizedIlTests
{
    const string Operation = "AssemblyToProcess.InstanceMethod.SaveAsync";

    static MethodDefinition Kickoff(ModuleDefinition module) =>
        module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync");

    static MethodDefinition MoveNext(ModuleDefinition module) =>
        module.GetType("AssemblyToProcess.InstanceMethod").NestedTypes.Single(t => t.Name.Contains("SaveAsync")).Methods.Single(m => m.Name == "MoveNext");

    static string CSharpFixture(string configuration) => WovenFlavor.CompiledFixturePath(configuration, "net10.0");

    /// <returns>The SHIELD005 message, after checking what every SHIELD005 must be.</returns>
    static string WeaveAfter(string compiledPath, Action<ModuleDefinition> otherWeaver, string expectedDetail)
    {
        string? before = null;
        var result = new ModuleWeaver().ExecuteTestRun(
            compiledPath,
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
        Assert.That(error.Text, Does.Contain("List Shield first in FodyWeavers.xml"));
        Assert.That(error.SequencePoint?.Document.Url, Does.Contain("InstanceMethod."));
        Assert.That(result.Errors, Has.Count.EqualTo(1), "the other methods are woven as usual");
        return error.Text;
    }

    static void ReturnSomethingElse(ModuleDefinition module)
    {
        var ret = Kickoff(module).Body.Instructions.Last();
        var il = Kickoff(module).Body.GetILProcessor();
        il.InsertBefore(ret, il.Create(OpCodes.Dup));
        il.InsertBefore(ret, il.Create(OpCodes.Pop));
    }

    const string KickoffDetail = "its kickoff method does not start the state machine and return its builder's task";

    [TestCase("Debug")]
    [TestCase("Release")]
    public void KickoffThatDoesNotReturnTheBuildersTask(string configuration) =>
        Assert.That(WeaveAfter(CSharpFixture(configuration), ReturnSomethingElse, KickoffDetail),
            Does.EndWith("This is not the code the C# compiler writes for an async method (was it rewritten by another weaver or an obfuscator?), so it is left as compiled. List Shield first in FodyWeavers.xml, or remove [Shield]."));

    [TestCase("Debug")]
    [TestCase("Release")]
    public void VisualBasicKickoffThatDoesNotReturnTheBuildersTask(string configuration) =>
        Assert.That(WeaveAfter(new Flavor(WeavePath.TestRun, configuration, "net10.0", FixtureCompiler.VisualBasic).BuiltAssembly, ReturnSomethingElse, KickoffDetail),
            Does.Contain("This is not the code the VB.NET compiler writes for an async method").And.EndWith("or remove [Shield]."));

    /// <summary>C# before 11 leaves no module mark; its state machine names still tell.</summary>
    [Test]
    public void KickoffOfAnOlderCSharpCompiler() =>
        Assert.That(WeaveAfter(CSharpFixture("Release"), module =>
            {
                RemoveModuleAttribute(module, "RefSafetyRulesAttribute");
                ReturnSomethingElse(module);
            }, KickoffDetail),
            Does.Contain("This is not the code the C# compiler writes for an async method"));

    /// <summary>An assembly without the marks C#, VB and F# leave: the message says so, and does not blame C#.</summary>
    [Test]
    public void KickoffOfAnUnknownCompiler() =>
        Assert.That(WeaveAfter(CSharpFixture("Release"), module =>
            {
                RemoveModuleAttribute(module, "RefSafetyRulesAttribute");
                foreach (var attribute in module.GetTypes().SelectMany(t => t.Methods).SelectMany(m => m.CustomAttributes)
                    .Where(a => a.AttributeType.Name == "AsyncStateMachineAttribute"))
                {
                    // The attribute names its state machine by name: point it at the renamed type itself.
                    var stateMachine = ((TypeReference)attribute.ConstructorArguments[0].Value).Resolve();
                    stateMachine.Name = "StateMachine_" + stateMachine.MetadataToken.RID;
                    attribute.ConstructorArguments[0] = new CustomAttributeArgument(attribute.ConstructorArguments[0].Type, stateMachine);
                }

                ReturnSomethingElse(module);
            }, KickoffDetail),
            Does.Contain("shows no sign of the C#, VB.NET or F# compiler").And.Not.Contain("the C# compiler writes"));

    /// <summary>F# writes no [AsyncStateMachine] of its own: one in an F# assembly came from another tool.</summary>
    [Test]
    public void StateMachineInAnFSharpAssembly() =>
        Assert.That(WeaveAfter(CSharpFixture("Release"), module =>
            {
                RemoveModuleAttribute(module, "RefSafetyRulesAttribute");
                var marker = new TypeReference("Microsoft.FSharp.Core", "FSharpInterfaceDataVersionAttribute", module, module.TypeSystem.CoreLibrary);
                var constructor = new MethodReference(".ctor", module.TypeSystem.Void, marker) { HasThis = true };
                module.Assembly.CustomAttributes.Add(new CustomAttribute(constructor));
                ReturnSomethingElse(module);
            }, KickoffDetail),
            Does.Contain("compiled by F#").And.EndWith("or remove [<Shield>]."));

    static void RemoveModuleAttribute(ModuleDefinition module, string name) =>
        module.CustomAttributes.Remove(module.CustomAttributes.Single(a => a.AttributeType.Name == name));

    [TestCase("Debug")]
    [TestCase("Release")]
    public void MoveNextThatNoLongerEndsTheTaskThroughItsBuilder(string configuration) =>
        WeaveAfter(CSharpFixture(configuration), module =>
        {
            var setException = MoveNext(module).Body.Instructions.Single(i => i.Operand is MethodReference { Name: "SetException" });
            setException.Operand = module.ImportReference(typeof(GC).GetMethod(nameof(GC.KeepAlive)));
            setException.Previous.Previous.Previous.OpCode = OpCodes.Nop;
            setException.Previous.Previous.OpCode = OpCodes.Nop;
            setException.Previous.Previous.Operand = null;
        }, "its MoveNext does not read its state and end its task through its builder");
}
