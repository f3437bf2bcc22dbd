using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Packaging;

/// <summary>
/// The user's path, end to end: pack Shield.Fody with a version unique to this run, install it from a local folder
/// into fresh projects outside the repository (with a private packages folder), build them in Debug and Release
/// for net10.0 and netstandard2.0, run them, and check that shielding works.
/// </summary>
[NonParallelizable]
public class PackageTests
{
    static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    string _root = "";
    string _version = "";
    PackedPackage _package = null!;

    [OneTimeSetUp]
    public void PackAndWriteConsumers()
    {
        _root = Path.Combine(Path.GetTempPath(), $"shield-consumer-{Guid.NewGuid():N}");
        var feed = Path.Combine(_root, "feed");
        _package = PackedPackage.Pack("Shield.Fody.Attributes", "Shield.Fody", feed);
        _version = _package.Version;

        var machinePackages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Write("NuGet.config", ConsumerFiles.NuGetConfig(feed, Path.Combine(_root, "packages"), machinePackages));
        Write("ShieldedApp/ShieldedApp.csproj", ConsumerFiles.ShieldedApp(_version));
        Write("ShieldedApp/FodyWeavers.xml", ConsumerFiles.FodyWeavers);
        Write("ShieldedApp/Program.cs", ConsumerFiles.Program);
        Write("ShieldedApp/Scenario.cs", ConsumerFiles.Scenario);
        Write("ShieldedLibrary/ShieldedLibrary.csproj", ConsumerFiles.ShieldedLibrary(_version));
        Write("ShieldedLibrary/FodyWeavers.xml", ConsumerFiles.FodyWeavers);
        Write("ShieldedLibrary/Scenario.cs", ConsumerFiles.Scenario);
        Write("LibraryUser/LibraryUser.csproj", ConsumerFiles.LibraryUser);
        Write("LibraryUser/Program.cs", ConsumerFiles.Program);
        Write("MisusingApp/MisusingApp.csproj", ConsumerFiles.ShieldedApp(_version));
        Write("MisusingApp/FodyWeavers.xml", ConsumerFiles.FodyWeavers);
        Write("MisusingApp/Program.cs", ConsumerFiles.Misuse);
        Write("FixableApp/FixableApp.csproj", ConsumerFiles.ShieldedApp(_version));
        Write("FixableApp/FodyWeavers.xml", ConsumerFiles.FodyWeavers);
        Write("FixableApp/Program.cs", ConsumerFiles.Program);
        Write("FixableApp/Scenario.cs", ConsumerFiles.Scenario);
        Write("FixableApp/Misuse.cs", ConsumerFiles.Misuse);
    }

    [OneTimeTearDown]
    public void RemoveConsumers()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    void Write(string relativePath, string content)
    {
        var path = Path.Combine(_root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Test]
    public void ThePackageHasTheLayoutOfAFodyAddIn()
    {
        Assert.That(_package.Files(), Is.EqualTo(new[]
        {
            "README.md",
            "Shield.Fody.nuspec",
            "analyzers/dotnet/cs/Shield.Analyzers.CodeFixes.dll",
            "analyzers/dotnet/cs/Shield.Analyzers.dll",
            "build/Shield.Fody.props",
            "lib/net8.0/Shield.Fody.Attributes.dll",
            "lib/net8.0/Shield.Fody.Attributes.xml",
            "lib/netstandard2.0/Shield.Fody.Attributes.dll",
            "lib/netstandard2.0/Shield.Fody.Attributes.xml",
            "weaver/Shield.Fody.dll",
            "weaver/Shield.Fody.xcf",
        }));
    }

    [Test]
    public void TheNuspecDeclaresFodyTheRuntimeDependenciesAndTheMetadata()
    {
        var metadata = _package.Metadata("Shield.Fody.nuspec");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        IEnumerable<string> Dependencies(string framework) => metadata.Descendants()
            .Where(e => e.Name.LocalName == "group" && (string?)e.Attribute("targetFramework") == framework)
            .SelectMany(g => g.Elements())
            .Select(d => $"{d.Attribute("id")!.Value} {d.Attribute("version")!.Value}");

        Assert.That(Value("version"), Is.EqualTo(_version));
        Assert.That(Value("license"), Is.EqualTo("MIT"));
        Assert.That(Value("readme"), Is.EqualTo("README.md"));
        Assert.That(Value("description"), Does.Contain("asyncio.shield()"));
        Assert.That(Value("tags"), Does.Contain("Fody"));
        Assert.That(Dependencies("net8.0"), Is.EqualTo(new[] { "Fody 6.9.3" }));
        Assert.That(Dependencies(".NETStandard2.0"), Is.EquivalentTo(new[]
        {
            "Fody 6.9.3", "Microsoft.Bcl.TimeProvider 8.0.1", "System.Diagnostics.DiagnosticSource 8.0.1", "System.Threading.Tasks.Extensions 4.5.4",
        }));
    }

    [TestCase("Debug")]
    [TestCase("Release")]
    public void AnAppThatShieldsItsOwnMethodsRuns(string configuration) =>
        BuildAndRun("ShieldedApp", configuration);

    [TestCase("Debug")]
    [TestCase("Release")]
    public void AnAppThatGetsShieldOnlyThroughANetStandardLibraryRuns(string configuration)
    {
        BuildAndRun("LibraryUser", configuration);
        Assert.That(File.Exists(Path.Combine(_root, "LibraryUser", "FodyWeavers.xml")), Is.False, "Fody did not run on the app itself");
    }

    [Test]
    public void TheAnalyzerInThePackageReportsAMisuseInTheEditorsCompiler()
    {
        var build = DotnetCli.Run(_root, BuildTimeout, "build", Path.Combine(_root, "MisusingApp", "MisusingApp.csproj"), "--nologo");

        Assert.That(build.ExitCode, Is.Not.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains("Program.cs(").And.Contains("error SHIELD001: Consumer.Misuse.Fire is async void"),
            "reported by the compiler (the analyzer), not by Fody: " + build.Output);
        Assert.That(build.Output, Does.Not.Contain("CS8032").And.Not.Contain("CS9057"), "the analyzer loaded in this SDK's compiler");
    }

    /// <summary>
    /// The code fixes ship beside the analyzer: <c>dotnet format</c> finds the SHIELD001 fix in the package and applies
    /// it, and the fixed app builds, weaves and runs.
    /// </summary>
    [Test]
    public void DotnetFormatAppliesTheFixForAMisuseFromThePackage()
    {
        var misuse = Path.Combine(_root, "FixableApp", "Misuse.cs");
        var format = DotnetCli.Run(_root, BuildTimeout, "format", "analyzers", Path.Combine(_root, "FixableApp", "FixableApp.csproj"),
            "--diagnostics", "SHIELD001", "--severity", "warn");

        Assert.That(format.ExitCode, Is.Zero, format.Output);
        Assert.That(File.ReadAllText(misuse), Is.EqualTo(ConsumerFiles.Misuse.Replace("public async void Fire(", "public async Task Fire(")), format.Output);
        BuildAndRun("FixableApp", "Debug");
    }

    [Test]
    public void TheConfigSchemaDocumentsTheOptions()
    {
        BuildAndRun("ShieldedApp", "Debug");
        var schema = File.ReadAllText(Path.Combine(_root, "ShieldedApp", "FodyWeavers.xsd"));
        Assert.That(schema, Does.Contain("name=\"Include\"").And.Contain("name=\"Exclude\"").And.Contain("name=\"NoWarn\""));
        Assert.That(schema, Does.Contain("matches any run of characters"));
    }

    void BuildAndRun(string project, string configuration)
    {
        var projectFile = Path.Combine(_root, project, $"{project}.csproj");
        var build = DotnetCli.Run(_root, BuildTimeout, "build", projectFile, "-c", configuration, "--nologo");
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(Directory.Exists(Path.Combine(_root, "packages", "shield.fody", _version)), Is.True, "Shield.Fody came from the private packages folder");

        var run = DotnetCli.Run(_root, BuildTimeout, Path.Combine(_root, project, "bin", configuration, "net10.0", $"{project}.dll"));
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Is.SupersetOf(new[]
        {
            "woven: True", "caller canceled at once: True", "body finished after the caller left: True", "faults reported: 1",
        }));
    }
}
