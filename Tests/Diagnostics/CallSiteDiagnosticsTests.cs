using System.IO;
using System.Linq;
using System.Xml.Linq;
using Fody;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// What a build says about Calls patterns, woven with ExecuteTestRun: the disposal trap (SHIELD018) at the call's
/// line, a pattern that matches no call site (SHIELD011), and the build log line that counts shielded calls.
/// </summary>
[TestFixture("Debug")]
[TestFixture("Release")]
public class CallSiteDiagnosticsTests(string configuration)
{
    const string Config = "<Shield Calls=\"Fixtures.Library.Command.ExecuteAsync;Fixtures.Library.Nothing.*\" />";

    TestResult? _woven;

    TestResult Woven => _woven ??= new ModuleWeaver { Config = XElement.Parse(Config) }
        .ExecuteTestRun(WovenFlavor.CompiledFixturePath(configuration, "net10.0"), runPeVerify: false, folderName: $"calls-{configuration}");

    [Test]
    public void AShieldedCallOnWhatTheMethodDisposesIsWarnedAtItsLine()
    {
        var traps = Woven.Warnings.Where(w => w.Text.StartsWith("SHIELD018:", System.StringComparison.Ordinal)).ToList();

        Assert.That(traps, Has.Count.EqualTo(1), "only the call under using, not the one on a command nobody disposes");
        Assert.That(traps[0].Text, Does.Contain("AssemblyToProcess.DisposalTrap.ExecuteUnderUsingAsync").And.Contain("the local 'command'").And.Contain("[Shield] method"));
        Assert.That(traps[0].SequencePoint, Is.Not.Null);
        Assert.That(traps[0].SequencePoint!.StartLine, Is.EqualTo(ExpectedLine()));
    }

    [Test]
    public void ACallsPatternThatMatchesNoCallSiteIsWarned() =>
        Assert.That(Woven.Warnings.Select(w => w.Text), Has.One.StartsWith("SHIELD011: FodyWeavers.xml: the Calls pattern 'Fixtures.Library.Nothing.*' matches no call"));

    [Test]
    public void TheBuildLogCountsShieldedCallsAndTheirMethods() =>
        Assert.That(Woven.Messages.Select(m => m.Text), Has.One.EqualTo("Shield: shielded 2 calls to 1 methods in AssemblyToProcess.dll"));

    static int ExpectedLine() =>
        File.ReadAllLines(Repository.PathOf("AssemblyToProcess", "DisposalTrap.cs")).Select((text, index) => (text, index)).Single(l => l.text.Contains("// expect SHIELD018")).index + 1;
}
