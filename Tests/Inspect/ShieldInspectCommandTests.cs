using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Fody;
using Mono.Cecil;
using Mono.Cecil.Cil;
using NUnit.Framework;
using Shield.Fody;
using Shield.Fody.Contract;
using Tests.Infrastructure;

namespace Tests.Inspect;

/// <summary>
/// shield-inspect through its command line, on the fixtures as Fody's MSBuild task wove them in a real build (Debug
/// and Release): what it lists, what it shows of one method, and how it refuses what it cannot inspect.
/// </summary>
public class ShieldInspectCommandTests
{
    const int Done = 0;
    const int CannotInspect = 1;
    const int WrongArguments = 2;

    static string Built(string configuration) => WovenFlavor.Get(new Flavor(WeavePath.MSBuild, configuration, "net10.0")).AssemblyPath;

    [TestCase("Debug")]
    [TestCase("Release")]
    public void ListsEveryShieldedMethodWithWhatSelectedItAndItsTimeout(string configuration)
    {
        var woven = WovenFlavor.Get(new Flavor(WeavePath.MSBuild, configuration, "net10.0"));
        var result = ShieldInspect.Run(woven.AssemblyPath);

        Assert.That(result.ExitCode, Is.EqualTo(Done), result.Output);
        var lines = result.Lines.ToList();
        Assert.That(lines[0], Does.Match($@"^AssemblyToProcess\.dll: woven by Shield\.Fody \d+\.\d+\.\d+\.\d+, {ShieldedMethods.Count(woven.Fixtures)} shielded methods, \d+ shielded call sites$"));
        Assert.That(lines, Has.Some.Match(@"^AssemblyToProcess\.InstanceMethod\.SaveAsync\(Probe, CancellationToken\) +\[Shield\] on the method +no timeout$"));
        Assert.That(lines, Has.Some.Match(@"^AssemblyToProcess\.ShieldedClass\.StoreAsync\(Probe, CancellationToken\) +\[Shield\] on the type +no timeout$"));
        Assert.That(lines, Has.Some.Match(@"^AssemblyToProcess\.ShieldedLambda\.Create\.<lambda>\(CancellationToken\) "));
        Assert.That(lines, Has.None.Contains("Unmarked"));

        // Every listed line, read back against the markers the weave left (by reflection, not by shield-inspect's
        // Cecil reader): one line per shielded method, each with its own selection, timeout and parameter count.
        var markers = woven.Fixtures.GetTypes().Where(type => !type.IsNested).SelectMany(ShieldedMethods.Of).ToList();
        var methodLines = lines.Skip(2).TakeWhile(line => line.Length > 0).ToList();
        Assert.That(markers, Has.Count.EqualTo(ShieldedMethods.Count(woven.Fixtures)), "every marker is on a top-level type or one nested in it");
        Assert.That(methodLines, Has.Count.EqualTo(markers.Count), result.Output);
        foreach (var marker in markers)
        {
            var timeout = marker.TimeoutMilliseconds > 0 ? $"timeout {marker.TimeoutMilliseconds} ms" : "no timeout";
            var parameters = string.Join(", ", Enumerable.Repeat("[^,()]+", marker.Method.GetParameters().Length));
            var line = $@"^{Regex.Escape(marker.Operation)}\({parameters}\) +{Regex.Escape(marker.SelectedBy)} +{timeout}$";
            Assert.That(methodLines.Count(l => Regex.IsMatch(l, line)), Is.EqualTo(1), $"{marker.Operation} is listed once as {line}:{Environment.NewLine}{result.Output}");
        }

        Assert.That(lines.Last(line => line.Length > 0), Does.StartWith("Run shield-inspect ").And.EndWith(" <method> to see one of them as compiled."));
    }

    [TestCase("Debug")]
    [TestCase("Release")]
    public void ListsEveryShieldedCallSiteWithItsCallerCalleeAndOffset(string configuration)
    {
        var result = ShieldInspect.Run(Built(configuration));

        Assert.That(result.ExitCode, Is.EqualTo(Done), result.Output);
        var lines = result.Lines.ToList();
        var callSiteLines = lines.SkipWhile(line => line != "Shielded call sites (caller, callee, IL offset of the call):").Skip(2).TakeWhile(line => line.Length > 0).ToList();
        Assert.That(lines[0], Does.EndWith($", {callSiteLines.Count} shielded call sites"));
        Assert.That(callSiteLines, Has.Some.Match(@"^AssemblyToProcess\.CallSites\.Write +Fixtures\.Library\.Ledger\.WriteAsync +IL_[0-9a-f]{4}$"));
        // A call in an async method is listed under that method, a call in a lambda or local function under its name.
        Assert.That(callSiteLines, Has.Some.Match(@"^AssemblyToProcess\.CallSites\.WriteAwaited +Fixtures\.Library\.Ledger\.WriteAsync +IL_"));
        Assert.That(callSiteLines, Has.Some.Match(@"^AssemblyToProcess\.CallSites\.WriteInLambda\.<lambda> +Fixtures\.Library\.Ledger\.WriteAsync +IL_"));
        Assert.That(callSiteLines, Has.Some.Match(@"^AssemblyToProcess\.CallSites\.WriteInLocalFunction\.Write +Fixtures\.Library\.Ledger\.WriteAsync +IL_"));
        // The callee is the method the call refers to; the Exclude pattern's call is not shielded.
        Assert.That(callSiteLines, Has.Some.Match(@"^AssemblyToProcess\.CallSites\.Send +Fixtures\.Library\.Channel\.SendAsync +IL_"));
        Assert.That(callSiteLines, Has.None.Contains("UnshieldedAsync"));
    }

    [Test]
    public void EveryListedOffsetIsTheCallWhoseTaskTheRuntimeTakesOver()
    {
        var path = Built("Release");
        var listed = ShieldInspect.Run(path).Lines
            .Select(line => Regex.Match(line, @"^(?<caller>\S+) +(?<callee>\S+) +IL_(?<offset>[0-9a-f]{4})$"))
            .Where(match => match.Success)
            .ToList();
        using var module = ModuleDefinition.ReadModule(path);

        // A call whose stack held more than its arguments is made by a method the weave added: the listed offset is
        // the call of that method, in the method the source wrote the call in.
        static string? CalleeName(Instruction instruction) => instruction.Operand switch
        {
            MethodReference { DeclaringType.Namespace: "Fixtures.Library" } callee => callee.Name,
            MethodReference isolated when WeaveContract.IsIsolatedCall(isolated.Name) =>
                isolated.Resolve().Body.Instructions.Select(i => i.Operand).OfType<MethodReference>().Single(m => m.DeclaringType.Namespace == "Fixtures.Library").Name,
            _ => null,
        };
        var calls = module.GetTypes().SelectMany(type => type.Methods).Where(method => method.HasBody && !WeaveContract.IsIsolatedCall(method.Name))
            .SelectMany(method => method.Body.Instructions)
            .Where(instruction => CalleeName(instruction) != null)
            .Select(instruction => instruction.Offset.ToString("x4") + " " + CalleeName(instruction))
            .ToHashSet(StringComparer.Ordinal);

        Assert.That(listed, Is.Not.Empty);
        foreach (var site in listed)
        {
            var callee = site.Groups["callee"].Value;
            var key = site.Groups["offset"].Value + " " + callee[(callee.LastIndexOf('.') + 1)..];
            Assert.That(calls.Contains(key), $"{site.Value}: a call of {callee} at that offset");
        }
    }

    [TestCase("Debug")]
    [TestCase("Release")]
    public void ShowsAWovenMethodAsCSharpWithWhatTheWeaveDidToIt(string configuration)
    {
        var result = ShieldInspect.Run(Built(configuration), "InstanceMethod.SaveAsync");

        Assert.That(result.ExitCode, Is.EqualTo(Done), result.Output);
        Assert.That(result.Output, Does.StartWith("AssemblyToProcess.InstanceMethod.SaveAsync(Probe, CancellationToken)\n  selected by: [Shield] on the method\n  timeout:     none\n"));
        Assert.That(result.Lines, Has.Some.EqualTo("- the body's ct (CancellationToken) is CancellationToken.None, which never fires; the caller's ct now only cancels what the caller receives"));
        Assert.That(result.Lines, Has.Some.StartsWith("- the caller receives what ShieldRuntime.Started returns: the body's own Task<int> when it has already finished"));
        Assert.That(result.Lines, Has.Some.Match(@"^- <SaveAsync>d__1\.MoveNext calls ShieldRuntime\.Suspending once"));
        Assert.That(result.Lines, Has.Some.EqualTo("Woven kickoff method, decompiled to C#:"));
        Assert.That(result.Lines, Has.Some.EqualTo("ct = CancellationToken.None;"));
        Assert.That(result.Lines, Has.Some.StartsWith("return ShieldRuntime.Started("));
    }

    [Test]
    public void ShowsTheKickoffAsIlOnRequest()
    {
        var result = ShieldInspect.Run(Built("Release"), "AssemblyToProcess.InstanceMethod.SaveAsync", "--il");

        Assert.That(result.ExitCode, Is.EqualTo(Done), result.Output);
        Assert.That(result.Lines, Has.Some.EqualTo("Woven kickoff method, disassembled to IL:"));
        Assert.That(result.Lines, Has.Some.Match(@"^IL_[0-9a-f]{4}: starg ct$"));
        Assert.That(result.Lines, Has.Some.Contains("[Shield.Fody.Attributes]Shield.ShieldRuntime::Started<int32>"));
    }

    [Test]
    public void TellsWhatEachTokenParameterNowReceives()
    {
        var built = Built("Release");
        var nullable = ShieldInspect.Run(built, "NullableToken.SaveAsync");
        var two = ShieldInspect.Run(built, "TwoTokens.SaveAsync");
        var notAsync = ShieldInspect.Run(built, "NonAsyncMethod.SaveAsync");

        Assert.That(nullable.Lines, Has.Some.StartsWith("- the body's ct (CancellationToken?) is null when the caller passed null, otherwise CancellationToken.None"));
        Assert.That(two.Lines, Has.Some.StartsWith("- the body's first (CancellationToken) is CancellationToken.None"));
        Assert.That(two.Lines, Has.Some.StartsWith("- the body's second (CancellationToken) is CancellationToken.None"));
        Assert.That(notAsync.Lines, Has.Some.StartsWith("- the caller receives what ShieldRuntime.Returned returns"));
        Assert.That(notAsync.Lines, Has.None.Contains("MoveNext"), "a method that is not async has no state machine");
    }

    [Test]
    public void ShowsAPatternSelectionAndATimeout()
    {
        // The fixtures have neither: weave them once more, with an Include pattern and with a timeout put on one
        // method's [Shield] before weaving.
        var weaver = new ModuleWeaver { Config = XElement.Parse("<Shield Include=\"AssemblyToProcess.Unmarked.*\" />") };
        var woven = weaver.ExecuteTestRun(WovenFlavor.CompiledFixturePath("Release", "net10.0"), runPeVerify: false, folderName: "inspect",
            beforeExecuteCallback: module =>
            {
                var shield = module.GetType("AssemblyToProcess.InstanceMethod").Methods.Single(m => m.Name == "SaveAsync")
                    .CustomAttributes.Single(a => a.AttributeType.Name == "ShieldAttribute");
                shield.Properties.Add(new CustomAttributeNamedArgument("TimeoutMilliseconds", new CustomAttributeArgument(module.TypeSystem.Int32, 2500)));
            });

        var listing = ShieldInspect.Run(woven.AssemblyPath);
        var method = ShieldInspect.Run(woven.AssemblyPath, "InstanceMethod.SaveAsync");

        Assert.That(listing.Lines, Has.Some.Match(@"^AssemblyToProcess\.Unmarked\.SaveAsync\(Probe, CancellationToken\) +Include pattern 'AssemblyToProcess\.Unmarked\.\*' +no timeout$"));
        Assert.That(listing.Lines, Has.Some.Match(@"^AssemblyToProcess\.InstanceMethod\.SaveAsync\(Probe, CancellationToken\) +\[Shield\] on the method +timeout 2500 ms$"));
        Assert.That(method.Lines, Has.Some.EqualTo("timeout:     2500 ms"));
        Assert.That(method.Lines, Has.Some.StartsWith("- the body's ct (CancellationToken) is the deadline's token, which fires 2500 ms after the call;"));
        Assert.That(method.Lines, Has.Some.Match(@"ShieldRuntime\.StartDeadline\(<Shield>Operations\.InstanceMethod_SaveAsync\)"));
    }

    [Test]
    public void ReadsTheAssemblyWithoutChangingIt()
    {
        var built = Built("Debug");
        var before = SHA256.HashData(File.ReadAllBytes(built));

        Assert.That(ShieldInspect.Run(built, "InstanceMethod.SaveAsync").ExitCode, Is.EqualTo(Done));
        Assert.That(SHA256.HashData(File.ReadAllBytes(built)), Is.EqualTo(before));
    }

    [Test]
    public void RefusesAMissingFile()
    {
        var result = ShieldInspect.Run("no/such/AssemblyToProcess.dll");

        Assert.That(result.ExitCode, Is.EqualTo(CannotInspect));
        Assert.That(result.Output.Trim(), Is.EqualTo("shield-inspect: no/such/AssemblyToProcess.dll: no such file."));
    }

    [Test]
    public void RefusesAFileThatIsNotADotNetAssembly()
    {
        var result = ShieldInspect.Run("README.md");

        Assert.That(result.ExitCode, Is.EqualTo(CannotInspect));
        Assert.That(result.Output, Does.StartWith("shield-inspect: README.md: not a .NET assembly ("));
    }

    [Test]
    public void RefusesAnAssemblyThatWasNeverWoven()
    {
        var result = ShieldInspect.Run(WovenFlavor.CompiledFixturePath("Release", "net10.0"));

        Assert.That(result.ExitCode, Is.EqualTo(CannotInspect));
        Assert.That(result.Output, Does.Contain("AssemblyToProcess.dll: not woven by Shield.Fody (it has no [assembly: Shield.ShieldWoven] marker)."));
    }

    [Test]
    public void RefusesAMethodThatIsNotShielded()
    {
        var result = ShieldInspect.Run(Built("Release"), "Unmarked.SaveAsync");

        Assert.That(result.ExitCode, Is.EqualTo(CannotInspect));
        Assert.That(result.Output, Does.Contain("AssemblyToProcess.dll: no shielded method is named 'Unmarked.SaveAsync'."));
    }

    [Test]
    public void AsksForTheFullNameWhenANameIsAmbiguous()
    {
        var result = ShieldInspect.Run(Built("Release"), "SaveAsync");
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(Built("Release"));
        var named = module.GetTypes().SelectMany(t => t.Methods).Count(m =>
            m.CustomAttributes.Any(a => a.AttributeType.Name == "ShieldedMethodAttribute" && ((string)a.ConstructorArguments[0].Value).EndsWith(".SaveAsync")));

        Assert.That(result.ExitCode, Is.EqualTo(CannotInspect));
        Assert.That(named, Is.GreaterThan(1));
        Assert.That(result.Output, Does.Contain($"'SaveAsync' names {named} shielded methods; give one of these in full:"));
        Assert.That(result.Lines, Has.Some.EqualTo("AssemblyToProcess.InstanceMethod.SaveAsync"));
    }

    [TestCase(new string[0], "give the path of an assembly to inspect.")]
    [TestCase(new[] { "a.dll", "--verbose" }, "unknown option '--verbose'.")]
    [TestCase(new[] { "a.dll", "M", "N" }, "too many arguments: 'N'.")]
    public void ExplainsItsUsageForWrongArguments(string[] arguments, string message)
    {
        var result = ShieldInspect.Run(arguments);

        Assert.That(result.ExitCode, Is.EqualTo(WrongArguments));
        Assert.That(result.Lines.First(), Is.EqualTo($"shield-inspect: {message}"));
        Assert.That(result.Output, Does.Contain("Usage: shield-inspect <assembly> [<method>] [--il]"));
    }

    [Test]
    public void PrintsItsUsageOnRequest()
    {
        var result = ShieldInspect.Run("--help");

        Assert.That(result.ExitCode, Is.EqualTo(Done));
        Assert.That(result.Output, Does.StartWith("Usage: shield-inspect <assembly> [<method>] [--il]"));
    }
}
