using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Shield.Benchmarks;

/// <summary>
/// The whole `dotnet build` of a project with 1,000 shielded methods, woven by Fody with the in-repo weaver, against
/// the same build with Fody disabled; each a full rebuild of that project alone (its references built once before),
/// median of three. The test suite's smoke run asks for a few methods and one rebuild each.
/// </summary>
public static class BuildCost
{
    public static void Report(int methods, int rounds)
    {
        var repository = typeof(BuildCost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        // Inside the repository (in an ignored folder), so that its central package versions and settings apply.
        var folder = Path.Combine(repository, "benchmarks", "Shield.Benchmarks", "obj", "build-cost", methods.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Generated.cs"), GeneratedAssembly.Source(methods));
        File.WriteAllText(Path.Combine(folder, "FodyWeavers.xml"), "<Weavers><Shield /></Weavers>");
        File.WriteAllText(Path.Combine(folder, "Generated.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <NoWarn>$(NoWarn);CS1998</NoWarn>
              </PropertyGroup>
              <Import Project="{Path.Combine(repository, "build", "WeaveWithInRepoShield.props")}" />
            </Project>
            """);

        // The first build builds the weaver and the runtime; the timed ones rebuild the project alone.
        Build(folder);
        var without = Measurements.Median(Enumerable.Range(0, rounds).Select(_ => Build(folder, "--no-dependencies", "-p:DisableFody=true")));
        var with = Measurements.Median(Enumerable.Range(0, rounds).Select(_ => Build(folder, "--no-dependencies")));
        Console.WriteLine($"| build of {methods:N0} shielded methods | median of {rounds} full rebuilds |");
        Console.WriteLine("| --- | ---: |");
        Console.WriteLine($"| without Fody | {without.TotalSeconds:0.00} s |");
        Console.WriteLine($"| with `<Shield />` | {with.TotalSeconds:0.00} s |");
        Console.WriteLine($"| ratio | {with / without:0.00} |");
    }

    static TimeSpan Build(string folder, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true };
        foreach (var argument in new[] { "build", "--no-incremental", "-c", "Release", "--nologo" }.Concat(extra))
        {
            start.ArgumentList.Add(argument);
        }

        var watch = Stopwatch.StartNew();
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException(output);
        }

        return watch.Elapsed;
    }
}
