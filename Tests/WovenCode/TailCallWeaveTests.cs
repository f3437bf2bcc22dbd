using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// F# Release puts <c>tail.</c> on a member's last call, and the JIT rejects a tail call followed by anything but
/// <c>ret</c>. The weave inserts code after calls in two places: before a kickoff's or a pass-through method's
/// <c>ret</c> (the hand-over to the runtime) and after MoveNext's <c>SetResult</c>/<c>SetException</c> (the hooks).
/// Here every such call of the C# fixtures is made a tail call by hand before the weave, and the IL validity gate
/// must pass over the result. <see cref="Tests.Weaver.IlEditorTests"/> covers <c>constrained.</c>.
/// </summary>
public class TailCallWeaveTests
{
    public static IEnumerable<BuildFlavor> Builds => BuildFlavor.All;

    [TestCaseSource(nameof(Builds))]
    public void WovenTailCallsCompileWithTheJit(BuildFlavor build)
    {
        var compiled = WovenFlavor.CompiledFixturePath(build.Configuration, build.TargetFramework);
        var made = new List<string>();
        var result = new ModuleWeaver().ExecuteTestRun(compiled, runPeVerify: false, folderName: "tail-calls",
            beforeExecuteCallback: module => made = MakeLastCallsTailCalls(module));

        Assert.That(result.Errors, Is.Empty);
        Assert.That(made, Has.Some.EqualTo("SaveAsync"), "kickoffs got tail calls");
        if (!build.IsDebug)
        {
            // Debug puts a nop between SetResult and ret.
            Assert.That(made, Has.Some.EqualTo("MoveNext"), "state machines got tail calls");
        }

        var report = IlValidityGate.Check(result.AssemblyPath, System.IO.Path.GetDirectoryName(compiled)!);
        Assert.That(report.Findings, Is.Empty);
        Assert.That(TailCallsNotBeforeRet(result.AssemblyPath), Is.Empty, "a tail call the weave did not end");
    }

    /// <summary>
    /// The F# fixtures' Release builds come with their own tail calls (the IL gate passes over their weave with the
    /// other flavours): this checks that they still do, and that the weave ended every one it put code after.
    /// </summary>
    [TestCase(WeavePath.TestRun, "netstandard2.0")]
    [TestCase(WeavePath.TestRun, "net10.0")]
    [TestCase(WeavePath.MSBuild, "netstandard2.0")]
    [TestCase(WeavePath.MSBuild, "net10.0")]
    public void FSharpReleaseEndsMembersWithTailCallsAndTheWeaveEndsThem(WeavePath path, string targetFramework)
    {
        var flavor = new Flavor(path, "Release", targetFramework, FixtureCompiler.FSharp);
        using (var compiled = ModuleDefinition.ReadModule((flavor with { Path = WeavePath.TestRun }).BuiltAssembly))
        {
            var member = compiled.GetType("AssemblyToProcess.AsyncMember").Methods.Single(m => m.Name == "SaveAsync");
            Assert.That(member.Body.Instructions.Reverse().Skip(2).First().OpCode, Is.EqualTo(OpCodes.Tail), "tail. call Async.StartAsTask; ret");
        }

        Assert.That(TailCallsNotBeforeRet(WovenFlavor.Get(flavor).AssemblyPath), Is.Empty, "a tail call the weave did not end");
    }

    /// <summary>Puts <c>tail.</c> on each call right before a <c>ret</c> in the methods marked [Shield] and their MoveNext.</summary>
    static List<string> MakeLastCallsTailCalls(ModuleDefinition module)
    {
        var made = new List<string>();
        var methods = module.GetTypes().SelectMany(t => t.Methods)
            .Where(m => m.HasBody && m.CustomAttributes.Any(a => a.AttributeType.Name == "ShieldAttribute"))
            .SelectMany(m => new[] { m }.Concat(m.GetAsyncStateMachineType()?.Methods.Where(n => n.Name == "MoveNext") ?? []))
            .ToList();
        foreach (var method in methods)
        {
            var il = method.Body.GetILProcessor();
            var lastCalls = method.Body.Instructions
                .Where(i => i.OpCode.Code is Code.Call or Code.Callvirt && i.Next?.OpCode.Code == Code.Ret && i.Previous?.OpCode.Code != Code.Tail)
                .ToList();
            foreach (var call in lastCalls)
            {
                var tail = il.Create(OpCodes.Tail);
                il.InsertBefore(call, tail);
                foreach (var branch in method.Body.Instructions.Where(i => i.Operand == call))
                {
                    branch.Operand = tail;
                }

                made.Add(method.Name);
            }
        }

        return made;
    }

    static List<string> TailCallsNotBeforeRet(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        return [.. module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody)
            .SelectMany(m => m.Body.Instructions.Where(i => i.OpCode.Code == Code.Tail && i.Next.Next?.OpCode.Code != Code.Ret)
                .Select(i => $"{m.FullName} IL_{i.Offset:x4}"))];
    }
}
