using System.Linq;
using NUnit.Framework;
using Weaver = Shield.Fody.Diagnostics;

namespace Shield.Analyzers.Tests;

/// <summary>Every rule the analyzer supports is the weaver's diagnostic: same ID, severity and title, and a help link.</summary>
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
            "SHIELD001", "SHIELD002", "SHIELD003", "SHIELD004", "SHIELD006", "SHIELD007", "SHIELD009", "SHIELD013", "SHIELD015",
        }));
    }
}
