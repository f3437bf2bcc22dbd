using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// The IL validity gate passes over every flavour's woven fixtures, and fails, naming the member, on woven code that
/// was corrupted on purpose.
/// </summary>
public class IlValidityGateTests
{
    const string Kickoff = "AssemblyToProcess.InstanceMethod::SaveAsync";
    const string MoveNext = "AssemblyToProcess.InstanceMethod/<SaveAsync>d__1::MoveNext";

    static readonly Flavor Corrupted = new(WeavePath.TestRun, "Release", "net10.0");

    [TestCaseSource(typeof(Flavor), nameof(Flavor.All))]
    public void EveryWovenMethodCompilesAndDecompilesCleanly(Flavor flavor)
    {
        var woven = WovenFlavor.Get(flavor);
        var report = IlValidityGate.Check(woven.AssemblyPath, woven.ReferenceDirectory);

        Assert.That(report.Findings, Is.Empty);
        var kickoffs = ShieldedMethods.Count(woven.Fixtures);
        var body = flavor.Configuration == Flavor.RuntimeAsync ? Kickoff : MoveNext;
        Assert.That(report.Checked, Has.Member(Kickoff).And.Member(body).And.Member("<Shield>Operations::.cctor"));
        Assert.That(report.Checked, Has.Member("AssemblyToProcess.CallSites::Write").And.Member("AssemblyToProcess.CallSites::Get").And.Member("AssemblyToProcess.CallSites::ReadCursor").And.Member("AssemblyToProcess.CallSites::WriteAsArgument"), "methods with shielded call sites");
        Assert.That(report.Checked, Has.Count.GreaterThanOrEqualTo(kickoffs * 2), "every woven method and the methods of its state machine, or its runtime-async body");
    }

    /// <summary>The VB.NET and F# fixtures: F# Release ends members with tail calls, VB wraps SetException.</summary>
    public static IEnumerable<Flavor> OtherCompilers => Flavor.VisualBasic.Concat(Flavor.FSharp);

    [TestCaseSource(nameof(OtherCompilers))]
    public void EveryWovenMethodOfAnotherCompilerCompilesAndDecompilesCleanly(Flavor flavor)
    {
        var woven = WovenFlavor.Get(flavor);
        var report = IlValidityGate.Check(woven.AssemblyPath, woven.ReferenceDirectory);

        Assert.That(report.Findings, Is.Empty);
        var kickoff = flavor.Compiler == FixtureCompiler.FSharp ? "AssemblyToProcess.AsyncMember::SaveAsync" : "AssemblyToProcess.InstanceMethod::SaveAsync";
        Assert.That(report.Checked, Has.Member(kickoff).And.Member("<Shield>Operations::.cctor"));
        Assert.That(report.Checked, Has.Count.GreaterThan(ShieldedMethods.Count(woven.Fixtures)), "every woven method and the operations type");
    }

    [Test]
    public void AKickoffWithAnUnbalancedStackIsCaught()
    {
        var report = CheckCorrupted(module =>
        {
            // The hand-over call without its caller-tokens argument: the call takes one value more than the stack holds.
            var body = Method(module, Kickoff).Body;
            var started = body.Instructions.Single(i => i.Operand is MethodReference { Name: "Started" });
            body.GetILProcessor().Remove(started.Previous.Previous.Previous);
        });

        Assert.That(report.Findings.Select(f => (f.Member, f.Check)).Distinct(), Is.EquivalentTo(new[] { (Kickoff, "jit"), (Kickoff, "decompile") }));
        Assert.That(report.Findings.Single(f => f.Check == "jit").Problem, Does.StartWith("InvalidProgramException"));
        Assert.That(report.Findings.Where(f => f.Check == "decompile").Select(f => f.Problem), Has.Some.Contains("Stack underflow"));
    }

    [Test]
    public void AStateMachineWithAnUnbalancedStackIsCaught()
    {
        var report = CheckCorrupted(module =>
        {
            // The weave's first-run check loads a local and branches on it: without the load, the branch pops nothing.
            var body = Method(module, MoveNext).Body;
            var suspending = body.Instructions.Single(i => i.Operand is MethodReference { Name: "Suspending" });
            body.GetILProcessor().Remove(suspending.Previous.Previous);
        });

        Assert.That(report.Findings.Select(f => f.Member).Distinct(), Is.EqualTo(new[] { MoveNext }));
        Assert.That(report.Findings.Single(f => f.Check == "jit").Problem, Does.StartWith("InvalidProgramException"));
    }

    [Test]
    public void ACallToARuntimeMethodThatDoesNotExistIsCaught()
    {
        var report = CheckCorrupted(module =>
        {
            // What a weaver writes when its idea of the runtime's API is out of date.
            var call = Method(module, MoveNext).Body.Instructions.Single(i => i.Operand is MethodReference { Name: "Suspending" });
            var suspending = (MethodReference)call.Operand;
            call.Operand = new MethodReference("SuspendingRenamed", suspending.ReturnType, suspending.DeclaringType) { HasThis = false };
        });

        Assert.That(report.Findings.Select(f => (f.Member, f.Check)), Is.EqualTo(new[] { (MoveNext, "jit") }));
        Assert.That(report.Findings.Single().Problem, Does.StartWith("MissingMethodException").And.Contains("SuspendingRenamed"));
    }

    static MethodDefinition Method(ModuleDefinition module, string name) =>
        module.GetTypes().SelectMany(t => t.Methods).Single(m => $"{m.DeclaringType.FullName}::{m.Name}" == name);

    /// <summary>Corrupts a copy of a woven fixture assembly and runs the gate over the copy.</summary>
    static IlValidityGate.Report CheckCorrupted(Action<ModuleDefinition> corrupt)
    {
        var woven = WovenFlavor.Get(Corrupted);
        var folder = Path.Combine(Path.GetTempPath(), "shield-il-gate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var corrupted = Path.Combine(folder, Path.GetFileName(woven.AssemblyPath));
            using (var module = ModuleDefinition.ReadModule(woven.AssemblyPath, new ReaderParameters { InMemory = true }))
            {
                corrupt(module);
                module.Write(corrupted);
            }

            var report = IlValidityGate.Check(corrupted, woven.ReferenceDirectory);
            TestContext.Out.WriteLine(string.Join(Environment.NewLine, report.Findings));
            return report;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
