using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;

namespace Tests.Packaging;

/// <summary>
/// The Shield.AspNetCore package as packed for users: its layout (net8.0 and net10.0, docs, README), and a nuspec that
/// brings Shield.Hosting (and through it Shield.Fody) of the same version and the ASP.NET Core shared framework.
/// </summary>
[NonParallelizable]
public class AspNetCorePackageTests
{
    string _feed = "";
    PackedPackage _package = null!;

    [OneTimeSetUp]
    public void Pack()
    {
        _feed = Path.Combine(Path.GetTempPath(), $"shield-aspnetcore-feed-{Guid.NewGuid():N}");
        _package = PackedPackage.Pack("Shield.AspNetCore", "Shield.AspNetCore", _feed);
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
        Assert.That(_package.Files(), Is.EqualTo(new[]
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
        var metadata = _package.Metadata("Shield.AspNetCore.nuspec");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        IEnumerable<string> Group(string list, string framework) => metadata.Elements().Where(e => e.Name.LocalName == list)
            .Elements().Where(g => (string?)g.Attribute("targetFramework") == framework)
            .SelectMany(g => g.Elements())
            .Select(d => string.Join(" ", new[] { d.Attribute("id")?.Value ?? d.Attribute("name")!.Value, d.Attribute("version")?.Value }.OfType<string>()));

        Assert.That(Value("version"), Is.EqualTo(_package.Version));
        Assert.That(Value("license"), Is.EqualTo("MIT"));
        Assert.That(Value("readme"), Is.EqualTo("README.md"));
        Assert.That(Value("description"), Does.Contain("UseShieldedRequestScopes()"));
        foreach (var framework in new[] { "net8.0", "net10.0" })
        {
            Assert.That(Group("dependencies", framework), Is.EqualTo(new[] { $"Shield.Hosting {_package.Version}" }), framework);
            Assert.That(Group("frameworkReferences", framework), Is.EqualTo(new[] { "Microsoft.AspNetCore.App" }), framework);
        }
    }
}
