using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Inspect;

/// <summary>shield-inspect packs as a dotnet tool whose command is shield-inspect, and installs and runs from that package.</summary>
public class ShieldInspectPackageTests
{
    [Test]
    public void PacksAsADotnetToolNamedShieldInspect()
    {
        var output = Path.Combine(Path.GetTempPath(), "shield-inspect-pack-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The tests' build already built the tool in this configuration: pack what is there.
            var pack = DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(2),
                "pack", Repository.PathOf("Shield.Inspect", "Shield.Inspect.csproj"), "-c", ShieldInspect.Configuration, "--no-build", "-o", output, "--nologo");
            Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Output);

            var package = Directory.GetFiles(output, "Shield.Inspect.*.nupkg").Single();
            using var archive = ZipFile.OpenRead(package);
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.That(Read(archive, "Shield.Inspect.nuspec"), Does.Contain("<packageType name=\"DotnetTool\" />"));
            Assert.That(Read(archive, "tools/net10.0/any/DotnetToolSettings.xml"), Does.Contain("<Command Name=\"shield-inspect\" EntryPoint=\"Shield.Inspect.dll\" Runner=\"dotnet\" />"));
            Assert.That(entries, Is.SupersetOf(new[]
            {
                "tools/net10.0/any/Shield.Inspect.dll",
                "tools/net10.0/any/ICSharpCode.Decompiler.dll",
                "tools/net10.0/any/Mono.Cecil.dll",
            }));

            var version = Path.GetFileNameWithoutExtension(package)["Shield.Inspect.".Length..];
            var tools = Path.Combine(output, "tools");
            var install = DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(2),
                "tool", "install", "Shield.Inspect", "--version", version, "--tool-path", tools, "--add-source", output);
            Assert.That(install.ExitCode, Is.EqualTo(0), install.Output);
            Assert.That(RunCommand(Path.Combine(tools, "shield-inspect"), "--help"), Does.StartWith("Usage: shield-inspect "));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    static string RunCommand(string command, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(command, argument) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(1)), Is.True, $"{command} {argument} ended");
        return output;
    }

    static string Read(ZipArchive archive, string entry)
    {
        using var reader = new StreamReader(archive.GetEntry(entry)!.Open());
        return reader.ReadToEnd();
    }
}
