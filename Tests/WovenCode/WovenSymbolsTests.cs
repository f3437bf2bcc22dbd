using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;
using Shield.Inspect;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// Woven assemblies keep their symbols: every woven method's sequence points and async stepping information are the
/// compiler's, breakpoints in a shielded body bind where they did, and an exception's stack trace names the original
/// method, file and line. Each build is woven with its PDB (ExecuteTestRun with writeSymbols) and compared with the
/// compiler's own PDB.
/// </summary>
public class WovenSymbolsTests
{
    static readonly ConcurrentDictionary<string, Lazy<string>> WovenWithSymbols = new();

    public static IEnumerable<TestCaseData> Builds =>
        from configuration in new[] { "Debug", "Release" }
        from targetFramework in new[] { "netstandard2.0", "net10.0" }
        select new TestCaseData(configuration, targetFramework);

    /// <summary>A method's body as a debugger sees it: one entry per sequence point, with the instruction it starts at.</summary>
    sealed record SequencePointEntry(string Document, int StartLine, int StartColumn, int EndLine, int EndColumn, string FirstInstruction);

    [TestCaseSource(nameof(Builds))]
    public void EveryWovenMethodKeepsItsSequencePoints(string configuration, string targetFramework)
    {
        var (compiled, woven) = ReadBothWithSymbols(configuration, targetFramework);
        var bodies = WovenBodies(woven).ToList();
        Assert.That(bodies, Has.Count.GreaterThan(20));
        Assert.Multiple(() =>
        {
            foreach (var body in bodies)
            {
                var original = Counterpart(compiled, body);
                Assert.That(SequencePoints(body), Is.EqualTo(SequencePoints(original)),
                    $"{body.FullName}: every sequence point covers the same lines and starts at the same instruction as compiled");
            }
        });
    }

    [TestCaseSource(nameof(Builds))]
    public void EveryStateMachineKeepsItsAsyncSteppingInformation(string configuration, string targetFramework)
    {
        var (compiled, woven) = ReadBothWithSymbols(configuration, targetFramework);
        var moveNexts = WovenBodies(woven).Where(m => m.Name == "MoveNext").ToList();
        Assert.That(moveNexts, Has.Count.GreaterThan(15));
        Assert.Multiple(() =>
        {
            foreach (var moveNext in moveNexts)
            {
                var original = Counterpart(compiled, moveNext);
                Assert.That(moveNext.DebugInformation.StateMachineKickOffMethod?.FullName, Is.EqualTo(original.DebugInformation.StateMachineKickOffMethod?.FullName),
                    $"{moveNext.FullName}: the debugger still maps the state machine to its method");
                Assert.That(AsyncStepping(moveNext), Is.EqualTo(AsyncStepping(original)),
                    $"{moveNext.FullName}: every await still yields and resumes at the same instructions");
            }
        });
    }

    [TestCaseSource(nameof(Builds))]
    public void BreakpointsOnEveryStatementOfAShieldedBodyStillBind(string configuration, string targetFramework)
    {
        var (_, woven) = ReadBothWithSymbols(configuration, targetFramework);
        var moveNext = woven.GetType("AssemblyToProcess.InstanceMethod").NestedTypes.Single(t => t.Name.StartsWith("<SaveAsync>", StringComparison.Ordinal))
            .Methods.Single(m => m.Name == "MoveNext");
        var offsets = moveNext.Body.Instructions.Select(i => i.Offset).ToHashSet();
        var statementLines = StatementLinesOf(FixtureCode.SourcePath("InstanceMethod"), "SaveAsync");
        Assert.That(statementLines, Has.Count.EqualTo(6));

        Assert.Multiple(() =>
        {
            foreach (var line in statementLines)
            {
                // A debugger binds a line breakpoint to the lowest offset of a visible sequence point on that line.
                var binding = moveNext.DebugInformation.SequencePoints.Where(sp => !sp.IsHidden && sp.StartLine == line).OrderBy(sp => sp.Offset).FirstOrDefault();
                Assert.That(binding, Is.Not.Null, $"line {line} has a sequence point in {moveNext.FullName}");
                Assert.That(offsets, Does.Contain(binding?.Offset), $"line {line} binds at the start of an instruction");
            }
        });
    }

    [TestCase("ThrowAfterAwait", "disk full", "Debug")]
    [TestCase("ThrowAfterAwait", "disk full", "Release")]
    [TestCase("ThrowBeforeAwait", "order is invalid", "Debug")]
    [TestCase("ThrowBeforeAwait", "order is invalid", "Release")]
    [TestCase("ThrowAfterAwait", "disk full", Flavor.RuntimeAsync)]
    [TestCase("ThrowBeforeAwait", "order is invalid", Flavor.RuntimeAsync)]
    public async Task AStackTraceNamesTheOriginalMethodFileAndLine(string fixture, string message, string configuration)
    {
        var source = FixtureCode.SourcePath(fixture);
        var line = Array.FindIndex(File.ReadAllLines(source), text => text.Contains($"\"{message}\"", StringComparison.Ordinal)) + 1;
        var compiledDirectory = Path.GetDirectoryName(WovenFlavor.CompiledFixturePath(configuration, "net10.0"))!;
        var context = RuntimeLoadContext.InFolder($"symbols {fixture} {configuration}", compiledDirectory, isCollectible: true);
        try
        {
            var type = context.LoadFromAssemblyPath(WovenPathWithSymbols(configuration, "net10.0")).GetType($"AssemblyToProcess.{fixture}", throwOnError: true)!;
            var probe = new Probe();
            using var caller = new CancellationTokenSource();
            var task = WovenFlavor.Invoke<Task<int>>(type.GetMethod("SaveAsync")!, Activator.CreateInstance(type), [probe, caller.Token]);
            probe.Open();

            var thrown = (await Assert.CatchAsync<Exception>(() => Limits.Within(task, "the call")))!;
            // An async method's body runs in its state machine; a runtime-async one in its split-off overload.
            var frame = new StackTrace(thrown, fNeedFileInfo: true).GetFrames()
                .First(f => f.GetMethod()?.DeclaringType is { } declaring && (declaring == type || declaring.DeclaringType == type));
            Assert.That(Path.GetFileName(frame.GetFileName()), Is.EqualTo(Path.GetFileName(source)));
            Assert.That(frame.GetFileLineNumber(), Is.EqualTo(line), $"the line that throws \"{message}\"");
            Assert.That(thrown.StackTrace, Does.Match($@"at AssemblyToProcess\.{fixture}\.SaveAsync\(Probe probe, CancellationToken ct(, ShieldedBody shieldedBody)?\) in .*{fixture}\.cs:line {line}\b"),
                "the trace shows the method as written, not its state machine");
            await Limits.Within(context.ViewRuntime().DrainAsync(), "the body to end");
        }
        finally
        {
            context.Unload();
        }
    }

    static string WovenPathWithSymbols(string configuration, string targetFramework) =>
        WovenWithSymbols.GetOrAdd($"{configuration}/{targetFramework}", _ => new Lazy<string>(() =>
            new ModuleWeaver().ExecuteTestRun(WovenFlavor.CompiledFixturePath(configuration, targetFramework), runPeVerify: false, writeSymbols: true, folderName: "symbols").AssemblyPath)).Value;

    static (ModuleDefinition Compiled, ModuleDefinition Woven) ReadBothWithSymbols(string configuration, string targetFramework)
    {
        var parameters = new ReaderParameters { ReadSymbols = true, InMemory = true };
        return (ModuleDefinition.ReadModule(WovenFlavor.CompiledFixturePath(configuration, targetFramework), parameters),
            ModuleDefinition.ReadModule(WovenPathWithSymbols(configuration, targetFramework), parameters));
    }

    /// <summary>The woven methods and the MoveNext of their state machines: where the body's sequence points are.</summary>
    static IEnumerable<MethodDefinition> WovenBodies(ModuleDefinition woven) =>
        woven.GetTypes().SelectMany(t => t.Methods).Select(ShieldedMethod.Read).OfType<ShieldedMethod>()
            .SelectMany(shielded => shielded.StateMachine is null ? [shielded.Method] : new[] { shielded.Method, shielded.StateMachine.Methods.Single(m => m.Name == "MoveNext") });

    static MethodDefinition Counterpart(ModuleDefinition compiled, MethodDefinition woven) =>
        compiled.GetTypes().SelectMany(t => t.Methods).Single(m => m.FullName == woven.FullName);

    static List<SequencePointEntry> SequencePoints(MethodDefinition method)
    {
        var instructions = method.Body.Instructions.ToDictionary(i => i.Offset);
        return [.. method.DebugInformation.SequencePoints.Select(sp => new SequencePointEntry(
            Path.GetFileName(sp.Document.Url), sp.StartLine, sp.StartColumn, sp.EndLine, sp.EndColumn, Text(instructions[sp.Offset])))];
    }

    static List<string> AsyncStepping(MethodDefinition moveNext)
    {
        var info = moveNext.CustomDebugInformations.OfType<AsyncMethodBodyDebugInformation>().SingleOrDefault();
        if (info is null)
        {
            return [];
        }

        var instructions = moveNext.Body.Instructions.ToDictionary(i => i.Offset);
        // Offsets that name no instruction (-1: no catch handler, as in every Task-returning method) are kept as they are.
        string At(InstructionOffset offset) => instructions.TryGetValue(offset.Offset, out var instruction) ? Text(instruction) : $"offset {offset.Offset}";
        return
        [
            $"catch handler {At(info.CatchHandler)}",
            .. info.Yields.Zip(info.Resumes, (yield, resume) => $"yield at {At(yield)}, resume at {At(resume)}"),
        ];
    }

    /// <summary>
    /// An instruction without its offset or branch target, which inserted code shifts; short and long forms alike,
    /// since the weave re-optimizes macros.
    /// </summary>
    static string Text(Instruction instruction)
    {
        var opCode = instruction.OpCode.Name.Replace(".s", "", StringComparison.Ordinal);
        return instruction.Operand switch
        {
            null or Instruction or Instruction[] => opCode,
            VariableDefinition variable => $"{opCode} V_{variable.Index}",
            ParameterDefinition parameter => $"{opCode} {parameter.Name}",
            MemberReference member => $"{opCode} {member.FullName}",
            var operand => $"{opCode} {operand}",
        };
    }

    /// <summary>The lines of a method's body in a fixture source that hold a statement (they end with ';').</summary>
    static List<int> StatementLinesOf(string source, string methodName)
    {
        var lines = File.ReadAllLines(source);
        var declaration = Array.FindIndex(lines, l => Regex.IsMatch(l, $@"\b{methodName}\("));
        var open = Array.FindIndex(lines, declaration, l => l.Trim() == "{");
        var indent = lines[open].IndexOf('{');
        var close = Array.FindIndex(lines, open + 1, l => l.IndexOf('}') == indent && l.Trim() == "}");
        return [.. Enumerable.Range(open + 1, close - open - 1).Where(i => lines[i].TrimEnd().EndsWith(';')).Select(i => i + 1)];
    }
}
