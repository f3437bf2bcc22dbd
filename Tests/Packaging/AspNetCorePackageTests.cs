using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Packaging;

/// <summary>
/// The Shield.AspNetCore package as packed for users: its layout (net8.0 and net10.0, docs, README), and a nuspec that
/// brings Shield.Hosting (and through it Shield.Fody) of the same version and the ASP.NET Core shared framework.
/// </summary>
[NonParallelizable]
public class AspNetCorePackageTests
{
    static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    string _feed = "";
    string _version = "";
    string _package = "";

    [OneTimeSetUp]
    public void Pack()
    {
        _version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):000}";
        _feed = Path.Combine(Path.GetTempPath(), $"shield-aspnetcore-feed-{Guid.NewGuid():N}");
        var pack = DotnetCli.Run(Repository.Root, PackTimeout, "pack", Repository.PathOf("Shield.AspNetCore", "Shield.AspNetCore.csproj"),
            "-c", "Release", $"-p:PackageVersion={_version}", "-o", _feed, "--nologo");
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        _package = Path.Combine(_feed, $"Shield.AspNetCore.{_version}.nupkg");
    }

    [OneTimeTearDown]
    public void RemoveFeed()
    {
        if (Directory.Exists(_feed))
        {
            Directory.Delete(_feed, recursive: true);
        }
    }

    [Test]
    public void ThePackageHoldsTheLibraryForNet8AndNet10()
    {
        using var zip = ZipFile.OpenRead(_package);
        var files = zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/") && !name.StartsWith("package/") && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal);

        Assert.That(files, Is.EqualTo(new[]
        {
            "README.md",
            "Shield.AspNetCore.nuspec",
            "lib/net10.0/Shield.AspNetCore.dll",
            "lib/net10.0/Shield.AspNetCore.xml",
            "lib/net8.0/Shield.AspNetCore.dll",
            "lib/net8.0/Shield.AspNetCore.xml",
        }));
    }

    [Test]
    public void TheNuspecBringsShieldHostingAndTheAspNetCoreFramework()
    {
        using var zip = ZipFile.OpenRead(_package);
        using var stream = zip.GetEntry("Shield.AspNetCore.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        IEnumerable<string> Group(string list, string framework) => metadata.Elements().Where(e => e.Name.LocalName == list)
            .Elements().Where(g => (string?)g.Attribute("targetFramework") == framework)
            .SelectMany(g => g.Elements())
            .Select(d => string.Join(" ", new[] { d.Attribute("id")?.Value ?? d.Attribute("name")!.Value, d.Attribute("version")?.Value }.OfType<string>()));

        Assert.That(Value("version"), Is.EqualTo(_version));
        Assert.That(Value("license"), Is.EqualTo("MIT"));
        Assert.That(Value("readme"), Is.EqualTo("README.md"));
        Assert.That(Value("description"), Does.Contain("UseShieldedRequestScopes()"));
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.That(Group("dependencies", framework), Is.EqualTo(new[] { $"Shield.Hosting {_version}" }), framework);
            Assert.That(Group("frameworkReferences", framework), Is.EqualTo(new[] { "Microsoft.AspNetCore.App" }), framework);
        }
    }
}
