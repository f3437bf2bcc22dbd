using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// Every fixture's woven code, C# and VB.NET, decompiled to C# and to IL for Debug and Release and both target
/// frameworks, matches its approved snapshot in Tests/Snapshots/ (see <see cref="Snapshot"/> for the switch that
/// accepts changes).
/// </summary>
public class WovenCodeSnapshotTests
{
    static readonly string[] Languages = ["cs", "il"];

    /// <summary>The snapshots come from the ExecuteTestRun weaves; <see cref="MSBuildWeaveDecompilesTheSame"/> covers the others.</summary>
    public static IEnumerable<Flavor> SnapshotFlavors =>
        Flavor.All.Concat(Flavor.VisualBasic).Where(f => f.Path == WeavePath.TestRun);

    public static IEnumerable<TestCaseData> Cases =>
        from flavor in SnapshotFlavors
        from fixture in FixtureCode.FixturesOf(flavor)
        select new TestCaseData(fixture, flavor).SetArgDisplayNames(fixture, flavor.Compiler == FixtureCompiler.CSharp
            ? $"{flavor.Configuration}/{flavor.TargetFramework}"
            : $"{flavor.Compiler}/{flavor.Configuration}/{flavor.TargetFramework}");

    [TestCaseSource(nameof(Cases))]
    public void CSharpMatchesTheApprovedSnapshot(string fixture, Flavor flavor) =>
        Snapshot.Verify(FixtureCode.SnapshotName(fixture, flavor, "cs"), FixtureCode.CSharp(flavor, fixture).Text);

    [TestCaseSource(nameof(Cases))]
    public void IlMatchesTheApprovedSnapshot(string fixture, Flavor flavor) =>
        Snapshot.Verify(FixtureCode.SnapshotName(fixture, flavor, "il"), FixtureCode.Il(flavor, fixture));

    /// <summary>Fody's MSBuild task runs the same weaver on the same fixtures: the woven code must not differ.</summary>
    [TestCaseSource(nameof(SnapshotFlavors))]
    public void MSBuildWeaveDecompilesTheSame(Flavor flavor)
    {
        var msbuild = flavor with { Path = WeavePath.MSBuild };
        var different = FixtureCode.FixturesOf(flavor)
            .Where(fixture => FixtureCode.CSharp(flavor, fixture).Text != FixtureCode.CSharp(msbuild, fixture).Text
                || FixtureCode.Il(flavor, fixture) != FixtureCode.Il(msbuild, fixture))
            .ToList();
        Assert.That(different, Is.Empty, $"fixtures whose {msbuild} weave decompiles differently from {flavor}");
    }

    /// <summary>An approved file whose fixture or flavour is gone would guard nothing and mislead its reader.</summary>
    [Test]
    public void EveryApprovedSnapshotBelongsToAFixture()
    {
        var expected = ExpectedApprovedFiles.ToHashSet();
        var orphans = ApprovedFiles.Where(name => !expected.Contains(name));
        Assert.That(orphans, Is.Empty, "approved snapshots without a fixture: delete them");
    }

    /// <summary>Each fixture and flavour is guarded only once its approved files are committed.</summary>
    [Test]
    public void EveryFixtureHasItsApprovedSnapshots()
    {
        if (Snapshot.Accepting)
        {
            Assert.Ignore($"{Snapshot.AcceptVariable}=1: the snapshot tests of this run write the missing files");
        }

        var missing = ExpectedApprovedFiles.Except(ApprovedFiles);
        Assert.That(missing, Is.Empty, $"approved snapshots nobody committed: run the tests with {Snapshot.AcceptVariable}=1, review and commit them");
    }

    static IEnumerable<string> ExpectedApprovedFiles =>
        from flavor in SnapshotFlavors
        from fixture in FixtureCode.FixturesOf(flavor)
        from language in Languages
        select Path.GetFileName(Snapshot.ApprovedPath(FixtureCode.SnapshotName(fixture, flavor, language)));

    static IEnumerable<string> ApprovedFiles => Directory.GetFiles(Snapshot.Folder, "*.approved.txt").Select(file => Path.GetFileName(file));
}
