using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Packaging;

/// <summary>A package packed from this repository with a version unique to the test run, and what its file holds.</summary>
public sealed class PackedPackage
{
    static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    PackedPackage(string path, string version)
    {
        Path = path;
        Version = version;
    }

    public string Path { get; }

    public string Version { get; }

    /// <summary>Packs <paramref name="projectFolder"/>'s project in Release into <paramref name="feed"/>.</summary>
    public static PackedPackage Pack(string projectFolder, string packageId, string feed)
    {
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):000}";
        var pack = DotnetCli.Run(Repository.Root, PackTimeout, "pack", Repository.PathOf(projectFolder, $"{projectFolder}.csproj"),
            "-c", "Release", $"-p:PackageVersion={version}", "-o", feed, "--nologo");
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        return new PackedPackage(System.IO.Path.Combine(feed, $"{packageId}.{version}.nupkg"), version);
    }

    /// <summary>The package's files, without the parts every package has.</summary>
    public IEnumerable<string> Files()
    {
        using var zip = ZipFile.OpenRead(Path);
        return zip.Entries.Select(e => e.FullName)
            .Where(name => !name.StartsWith("_rels/") && !name.StartsWith("package/") && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The nuspec's metadata element.</summary>
    public XElement Metadata(string nuspec)
    {
        using var zip = ZipFile.OpenRead(Path);
        using var stream = zip.GetEntry(nuspec)!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }
}
