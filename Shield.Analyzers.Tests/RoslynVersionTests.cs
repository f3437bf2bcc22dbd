using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;

namespace Shield.Analyzers.Tests;

/// <summary>
/// A compiler older than the Roslyn an analyzer references skips the analyzer with a warning (CS9057 from SDK
/// 10.0.401's compiler) and reports nothing, so the analyzer and its code fixes must stay on the Roslyn of the oldest
/// SDK they support (4.8.0, SDK 8) and on netstandard2.0, which every compiler and IDE host loads.
/// </summary>
public class RoslynVersionTests
{
    static readonly Version Oldest = new(4, 8, 0, 0);

    static readonly Assembly[] Shipped = [typeof(ShieldAnalyzer).Assembly, typeof(ReturnTaskCodeFix).Assembly];

    [TestCaseSource(nameof(Shipped))]
    public void ReferencesNoRoslynNewerThanSdk8s(Assembly shipped)
    {
        var roslyn = shipped.GetReferencedAssemblies()
            .Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .ToList();

        Assert.That(roslyn.Select(r => r.Name), Does.Contain("Microsoft.CodeAnalysis"));
        Assert.That(roslyn, Has.All.Matches<AssemblyName>(r => r?.Version is { } version && version <= Oldest),
            string.Join(", ", roslyn.Select(r => r.FullName)));
    }

    [TestCaseSource(nameof(Shipped))]
    public void TargetsNetStandard20(Assembly shipped)
    {
        var references = shipped.GetReferencedAssemblies();

        Assert.That(references.Select(r => r.Name), Does.Contain("netstandard").And.Not.Contain("System.Runtime"));
        Assert.That(references.Single(r => r.Name == "netstandard").Version, Is.EqualTo(new Version(2, 0, 0, 0)));
    }

    [Test]
    public void OnlyTheCodeFixesReferenceWorkspacesWhichTheCompilerDoesNotLoad()
    {
        static bool ReferencesWorkspaces(Assembly assembly) =>
            assembly.GetReferencedAssemblies().Any(r => r.Name!.StartsWith("Microsoft.CodeAnalysis.Workspaces", StringComparison.Ordinal) ||
                                                        r.Name == "Microsoft.CodeAnalysis.CSharp.Workspaces");

        Assert.That(ReferencesWorkspaces(typeof(ShieldAnalyzer).Assembly), Is.False);
        Assert.That(ReferencesWorkspaces(typeof(ReturnTaskCodeFix).Assembly), Is.True);
    }
}
