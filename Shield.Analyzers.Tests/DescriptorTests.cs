using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Weaver = Shield.Fody.Diagnostics;

namespace Shield.Analyzers.Tests;

/// <summary>
/// Every rule the analyzer supports is the weaver's diagnostic: same ID, severity and title, and a help link. The
/// analyzer builds its rules from the weaver's catalogue, linked as source; the severities it writes out are checked
/// here, and so is the split of the catalogue between the analyzer and the build alone.
/// </summary>
public class DescriptorTests
{
    static readonly Microsoft.CodeAnalysis.DiagnosticDescriptor[] Supported = [.. new ShieldAnalyzer().SupportedDiagnostics];

    [Test]
    public void IdsSeveritiesAndTitlesAreTheWeavers()
    {
        foreach (var descriptor in Supported)
        {
            var weavers = Weaver.ShieldDiagnostics.All.Single(d => d.Id == descriptor.Id);
            var severity = weavers.Severity == Weaver.DiagnosticSeverity.Error
                ? Microsoft.CodeAnalysis.DiagnosticSeverity.Error
                : Microsoft.CodeAnalysis.DiagnosticSeverity.Warning;

            Assert.That(descriptor.DefaultSeverity, Is.EqualTo(severity), descriptor.Id);
            Assert.That(descriptor.Title.ToString(), Is.EqualTo(weavers.Title), descriptor.Id);
            Assert.That(descriptor.IsEnabledByDefault, Is.True, descriptor.Id);
        }
    }

    [Test]
    public void EveryRuleLinksToTheReadmesDiagnosticsTable()
    {
        Assert.That(ShieldDescriptors.HelpLink, Is.EqualTo("https://github.com/shield-fody/Shield.Fody#diagnostics"));
        Assert.That(Supported.Select(d => d.HelpLinkUri), Is.All.EqualTo(ShieldDescriptors.HelpLink));
    }

    [Test]
    public void TheRulesAreTheOnesSourceCanShow()
    {
        Assert.That(Supported.Select(d => d.Id).Distinct(), Is.EquivalentTo(new[]
        {
            "SHIELD001", "SHIELD002", "SHIELD003", "SHIELD004", "SHIELD006", "SHIELD007", "SHIELD009", "SHIELD013", "SHIELD015", "SHIELD017",
        }));
    }

    [Test]
    public void TheAnalyzerAndTheBuildAloneShareTheCatalogueWithoutOverlap()
    {
        var supported = Supported.Select(d => d.Id).Distinct().ToList();

        Assert.That(supported.Intersect(WeaverParity.WeaverOnly), Is.Empty);
        Assert.That(supported.Concat(WeaverParity.WeaverOnly), Is.EquivalentTo(Weaver.ShieldDiagnostics.All.Select(d => d.Id)));
    }

    [Test]
    public void TheReadmeNamesWhatTheBuildAloneReports()
    {
        var readme = File.ReadAllText(Path.Combine(WeaverParityTests.RepositoryRoot, "README.md")).ReplaceLineEndings(" ");
        var sentence = Regex.Match(readme, @"is reported by the build alone: (?<ids>[^.]+)\.").Groups["ids"].Value;

        Assert.That(Regex.Matches(sentence, @"SHIELD\d{3}").Select(m => m.Value), Is.EqualTo(WeaverParity.WeaverOnly));
    }
}
