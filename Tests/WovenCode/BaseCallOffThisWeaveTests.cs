using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;
using Shield.Fody.Contract;
using Shield.Inspect;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// A shielded <c>base.X(ct)</c> that is an argument moves into an instance method called on the caller's own
/// <c>this</c>, the only receiver C# gives such a call. IL may make the same non-virtual call on another object, which
/// no method of the caller's type could receive as its <c>this</c>: here the fixture's receiver is made a new Ledger
/// by hand before the weave, and the call must stay where it is, shielded there without protection, and compile.
/// </summary>
public class BaseCallOffThisWeaveTests
{
    const string Caller = "CheckedWriteOnBase";

    public static IEnumerable<BuildFlavor> Builds => BuildFlavor.All;

    [TestCaseSource(nameof(Builds))]
    public void ANonVirtualCallOfAVirtualMethodOnAnotherObjectStaysWhereItIs(BuildFlavor build)
    {
        var compiled = WovenFlavor.CompiledFixturePath(build.Configuration, build.TargetFramework);
        var result = new ModuleWeaver { Config = WovenFlavor.FixtureConfiguration }.ExecuteTestRun(compiled, runPeVerify: false, folderName: "base-call-off-this",
            beforeExecuteCallback: CallOnANewLedger);

        Assert.That(result.Errors, Is.Empty);
        using (var module = ModuleDefinition.ReadModule(result.AssemblyPath))
        {
            var type = AuditedLedger(module);
            Assert.That(type.Methods.Select(m => m.Name), Has.None.StartsWith(WeaveContract.IsolatedCallPrefix), "no method of its own");
            Assert.That(ShieldedCallSite.Read(type.Methods.Single(m => m.Name == Caller)).Select(site => site.CalleeName),
                Is.EqualTo(new[] { "Fixtures.Library.Ledger.CheckedWriteAsync" }), "still shielded where it is made");
        }

        Assert.That(IlValidityGate.Check(result.AssemblyPath, System.IO.Path.GetDirectoryName(compiled)!).Findings, Is.Empty);
    }

    /// <summary>Replaces the <c>ldarg.0</c> that pushes the receiver of <c>base.CheckedWriteAsync</c> with <c>newobj Ledger::.ctor</c>.</summary>
    static void CallOnANewLedger(ModuleDefinition module)
    {
        var type = AuditedLedger(module);
        var baseConstructor = (MethodReference)type.Methods.Single(m => m.IsConstructor).Body.Instructions.Single(i => i.OpCode.Code == Code.Call).Operand;
        var call = type.Methods.Single(m => m.Name == Caller).Body.Instructions
            .Single(i => i.OpCode.Code == Code.Call && i.Operand is MethodReference { Name: "CheckedWriteAsync" });
        var receiver = call.Previous.Previous.Previous;
        Assert.That(receiver.OpCode.Code, Is.EqualTo(Code.Ldarg_0), "base.CheckedWriteAsync(probe, ct) pushes this, probe, ct");
        receiver.OpCode = OpCodes.Newobj;
        receiver.Operand = baseConstructor;
    }

    static TypeDefinition AuditedLedger(ModuleDefinition module) =>
        module.GetType("AssemblyToProcess.CallSites").NestedTypes.Single(t => t.Name == "AuditedLedger`1");
}
