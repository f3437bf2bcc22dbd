using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Shield.Fody.Diagnostics;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// Builds AssemblyWithMisuses through Fody's MSBuild task, as a user would: the build fails, and prints each
/// diagnostic as <c>File.cs(line,col): error : ...</c> so an IDE can jump to it.
/// </summary>
public class MSBuildMisuseTests
{
    static readonly Lazy<(DotnetCli.Result First, DotnetCli.Result Again)> Builds = new(() =>
    {
        DeleteFolders("obj/Debug", "bin/Debug");
        return (BuildMisuses(), BuildMisuses());
    });

    static DotnetCli.Result Build => Builds.Value.Again;

    static DotnetCli.Result BuildMisuses() =>
        DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(5), "build", Repository.PathOf("fixtures", "AssemblyWithMisuses.MSBuild", "AssemblyWithMisuses.MSBuild.csproj"), "--nologo");

    internal static void DeleteFolders(params string[] folders)
    {
        foreach (var folder in folders)
        {
            var path = Repository.PathOf("fixtures", "AssemblyWithMisuses.MSBuild", folder);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    public static IEnumerable<TestCaseData> Expected => MisuseTests.Expected;

    [Test]
    public void TheBuildFailsAndKeepsFailingUntilTheMisusesAreFixed()
    {
        Assert.That(Builds.Value.First.ExitCode, Is.Not.Zero, Builds.Value.First.Output);
        Assert.That(Builds.Value.Again.ExitCode, Is.Not.Zero, "an incremental build weaves again: " + Builds.Value.Again.Output);
    }

    [TestCaseSource(nameof(Expected))]
    public void PrintsTheDiagnosticWhereTheMisuseIs(ExpectedDiagnostics.Expected expected)
    {
        var severity = ShieldDiagnostics.All.Single(d => d.Id == expected.Id).Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var where = expected.Line is null ? "MSBUILD : " : $"{Path.GetFileName(expected.File)}({expected.Line},";
        var printed = Build.Lines.Where(line =>
            line.Contains($"{severity} : Fody/Shield: {expected.Id}: {expected.Operation} ", StringComparison.Ordinal)).Distinct().ToList();

        Assert.That(printed, Has.Count.EqualTo(1), Build.Output);
        Assert.That(printed[0], Does.Contain(where));
    }
}

/// <summary>
/// Warnings follow Fody's FodyTreatWarningsAsErrors, which defaults to TreatWarningsAsErrors (true in this
/// repository): the same warnings fail the build by default and only warn when it is set to false.
/// </summary>
public class MSBuildWarningTests
{
    /// <param name="treatWarningsAsErrors">FodyTreatWarningsAsErrors, or null to leave Fody's default.</param>
    static DotnetCli.Result BuildMisusesThatWarn(string? treatWarningsAsErrors)
    {
        // Fody skips a module it already wove: start from clean folders each time.
        MSBuildMisuseTests.DeleteFolders("obj/warnings", "bin/warnings");
        return DotnetCli.Run(
            Repository.Root,
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string?> { ["OnlyMisusesThatWarn"] = "true", ["FodyTreatWarningsAsErrors"] = treatWarningsAsErrors },
            "build", Repository.PathOf("fixtures", "AssemblyWithMisuses.MSBuild", "AssemblyWithMisuses.MSBuild.csproj"), "--nologo");
    }

    [Test]
    public void ByDefaultTheyFailTheBuild()
    {
        var build = BuildMisusesThatWarn(null);
        Assert.That(build.ExitCode, Is.Not.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains("NoTokenParameter.cs(10,").And.Contains("error : Fody/Shield: SHIELD006: "));
    }

    [Test]
    public void WithFodyTreatWarningsAsErrorsOffTheyOnlyWarn()
    {
        var build = BuildMisusesThatWarn("false");
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains("NoTokenParameter.cs(10,").And.Contains("warning : Fody/Shield: SHIELD006: "));
        Assert.That(build.Lines, Has.Some.Contains("warning : Fody/Shield: SHIELD009: "));
    }
}
