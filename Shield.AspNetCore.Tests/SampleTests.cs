using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace Shield.AspNetCore.Tests;

/// <summary>samples/OrderApi, run as the README says: the abandoned order lands with the middleware and is lost without.</summary>
public class SampleTests
{
    [Test]
    public void TheOrderApiSampleShowsTheKeptScopeAndTheLoss()
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet", "run --project samples/OrderApi")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var run = Process.Start(start)!;
        var error = run.StandardError.ReadToEndAsync();
        var lines = run.StandardOutput.ReadToEnd().Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.That(run.WaitForExit(TimeSpan.FromMinutes(5)), Is.True, "the sample ended");
        var output = string.Join("\n", lines) + error.Result;

        Assert.That(run.ExitCode, Is.Zero, output);
        Assert.That(lines, Does.Contain("    server: order 2 (book) saved"), output);
        Assert.That(lines, Does.Contain("    server: save lost: ObjectDisposedException: Cannot access a disposed context instance."), output);
        Assert.That(output, Does.Not.Contain("warning"), "built on its own, the sample still finds the root FodyWeavers.xml");
        Assert.That(lines.Where(l => l.Length > 0), Is.EqualTo(ReadmeOutput(root).Where(l => l.Length > 0)), "the README shows what the sample prints");
        Assert.That(File.Exists(Path.Combine(root, "samples", "OrderApi", "FodyWeavers.xml")), Is.False, "Fody did not write a default configuration");
    }

    /// <summary>The lines of the README's block that follows "dotnet run --project samples/OrderApi` prints:".</summary>
    static string[] ReadmeOutput(string root)
    {
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("```\n", readme.IndexOf("`dotnet run --project samples/OrderApi` prints:", StringComparison.Ordinal), StringComparison.Ordinal) + 4;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Split('\n').Select(l => l.TrimEnd()).ToArray();
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Shield.Fody.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("Shield.Fody.sln not found above " + AppContext.BaseDirectory);
        }

        return directory.FullName;
    }
}
