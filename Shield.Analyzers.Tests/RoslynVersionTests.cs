using System;
using System.Linq;
using NUnit.Framework;

namespace Shield.Analyzers.Tests;

/// <summary>
/// A compiler older than the Roslyn an analyzer references skips the analyzer with a warning (CS9057 from SDK
/// 10.0.401's compiler) and reports nothing, so the analyzer must stay on the Roslyn of the oldest SDK it supports
/// (4.8.0, SDK 8) and on netstandard2.0, which every compiler host loads.
/// </summary>
public class RoslynVersionTests
{
    static readonly Version Oldest = new(4, 8, 0, 0);

    [Test]
    public void TheAnalyzerReferencesNoRoslynNewerThanSdk8s()
    {
        var roslyn = typeof(ShieldAnalyzer).Assembly.GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.That(roslyn.Select(r => r.Name), Does.Contain("Microsoft.CodeAnalysis"));
        Assert.That(roslyn, Has.All.Matches<System.Reflection.AssemblyName>(r => r?.Version is { } version && version <= Oldest),
            string.Join(", ", roslyn.Select(r => r.FullName)));
    }

    [Test]
    public void TheAnalyzerTargetsNetStandard20()
    {
        var references = typeof(ShieldAnalyzer).Assembly.GetReferencedAssemblies();

        Assert.That(references.Select(r => r.Name), Does.Contain("netstandard").And.Not.Contain("System.Runtime"));
        Assert.That(references.Single(r => r.Name == "netstandard").Version, Is.EqualTo(new Version(2, 0, 0, 0)));
    }
}
