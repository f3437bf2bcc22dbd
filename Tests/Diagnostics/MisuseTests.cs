using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Fody;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Fody;
using Shield.Fody.Diagnostics;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// Weaves AssemblyWithMisuses (one file per misuse) with ExecuteTestRun: every misuse gets its diagnostic, naming
/// its method, at the line its source promises, and every rejected method is left exactly as compiled.
/// </summary>
public class MisuseTests
{
    static readonly Lazy<TestResult> Woven = new(() => Weave(null, "default"));

    public static string CompiledPath => Repository.PathOf("fixtures", "AssemblyWithMisuses", "bin", "Debug", "net10.0", "AssemblyWithMisuses.dll");

    public static IEnumerable<TestCaseData> Expected =>
        ExpectedDiagnostics.In(Repository.PathOf("fixtures", "AssemblyWithMisuses")).Select(e => new TestCaseData(e).SetArgDisplayNames(e.ToString()));

    static TestResult Weave(XElement? config, string folder)
    {
        var weaver = new ModuleWeaver();
        if (config != null)
        {
            weaver.Config = config;
        }

        return weaver.ExecuteTestRun(CompiledPath, runPeVerify: false, folderName: folder);
    }

    static IEnumerable<(DiagnosticSeverity Severity, SequencePointMessage Message)> AllDiagnostics(TestResult result) =>
        result.Errors.Select(e => (DiagnosticSeverity.Error, e)).Concat(result.Warnings.Select(w => (DiagnosticSeverity.Warning, w)));

    [TestCaseSource(nameof(Expected))]
    public void IsReportedWithItsMethodAndLine(ExpectedDiagnostics.Expected expected)
    {
        var descriptor = ShieldDiagnostics.All.Single(d => d.Id == expected.Id);
        var matches = AllDiagnostics(Woven.Value).Where(d => d.Message.Text.StartsWith($"{expected.Id}: {expected.Operation} ", StringComparison.Ordinal)).ToList();

        Assert.That(matches, Has.Count.EqualTo(1), $"one {expected.Id} naming {expected.Operation}");
        var (severity, message) = matches[0];
        Assert.That(severity, Is.EqualTo(descriptor.Severity));
        if (expected.Line is null)
        {
            Assert.That(message.SequencePoint, Is.Null);
        }
        else
        {
            Assert.That(message.SequencePoint, Is.Not.Null);
            Assert.That(Path.GetFileName(message.SequencePoint!.Document.Url), Is.EqualTo(Path.GetFileName(expected.File)));
            Assert.That(message.SequencePoint.StartLine, Is.EqualTo(expected.Line));
        }
    }

    [Test]
    public void NothingElseIsReported()
    {
        var reported = AllDiagnostics(Woven.Value).Select(d => d.Message.Text.Split(' ')[0].TrimEnd(':') + " " + d.Message.Text.Split(' ')[1]);
        var expected = ExpectedDiagnostics.In(Repository.PathOf("fixtures", "AssemblyWithMisuses")).Select(e => $"{e.Id} {e.Operation}");
        Assert.That(reported, Is.EquivalentTo(expected));
    }

    [Test]
    public void EveryMessageSaysWhatToDo()
    {
        foreach (var (_, message) in AllDiagnostics(Woven.Value))
        {
            Assert.That(message.Text, Does.Match(@"(Return|Change|Put|Pass|Add|Remove|Build|List) ").Or.Contain(" must be "), message.Text);
        }
    }

    [Test]
    public void RejectedMethodsAreLeftExactlyAsCompiled()
    {
        using var compiled = ModuleDefinition.ReadModule(CompiledPath);
        using var woven = ModuleDefinition.ReadModule(Woven.Value.AssemblyPath);
        var rejected = ExpectedDiagnostics.In(Repository.PathOf("fixtures", "AssemblyWithMisuses")).Select(e => e.Operation).ToHashSet();

        var compared = 0;
        foreach (var type in compiled.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => rejected.Contains($"{type.FullName.Replace('/', '.')}.{m.Name}")))
            {
                var counterpart = woven.GetType(type.FullName).Methods.Single(m => m.FullName == method.FullName);
                Assert.That(IlText.WithStateMachine(counterpart), Is.EqualTo(IlText.WithStateMachine(method)), method.FullName);
                Assert.That(counterpart.CustomAttributes.Select(a => a.AttributeType.Name), Is.EquivalentTo(method.CustomAttributes.Select(a => a.AttributeType.Name)));
                compared++;
            }
        }

        Assert.That(compared, Is.EqualTo(rejected.Count - 1), "every rejected method but the [Shield] type was compared");
    }

    [Test]
    public void MethodsBesideTheMisusesAreStillWoven()
    {
        var operations = Woven.Value.Assembly.GetTypes().SelectMany(t => ShieldedMethods.Of(t)).Select(m => m.Operation).Distinct();
        Assert.That(operations, Is.EquivalentTo(new[] { "AssemblyWithMisuses.Accepted.SaveAsync", "AssemblyWithMisuses.INoBody.DefaultAsync" }));
    }

    [Test]
    public void NoWarnSuppressesTheWarningsItNames()
    {
        var result = Weave(XElement.Parse("<Shield NoWarn='SHIELD006;shield007' />"), "nowarn");
        var ids = AllDiagnostics(result).Select(d => d.Message.Text[..9]).ToList();

        Assert.That(ids, Does.Not.Contain("SHIELD006").And.Not.Contain("SHIELD007"));
        Assert.That(ids, Does.Contain("SHIELD009"), "a warning NoWarn does not name is still reported");
        Assert.That(ids, Does.Contain("SHIELD001"), "errors are always reported");
    }
}
