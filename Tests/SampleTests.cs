using System;
using System.IO;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>The README's main job, run as a user runs it: the sample builds on its own, weaves, and shows the fix.</summary>
public class SampleTests
{
    [Test]
    public void TheSampleShowsTheLossAndTheFix()
    {
        var run = DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(5), "run", "--project", "samples/OrderSaver");

        Assert.That(run.ExitCode, Is.Zero, run.Output);
        Assert.That(run.Lines, Does.Contain("without [Shield]  1 of 3 steps stored: DATA LOST: the order is half-saved"));
        Assert.That(run.Lines, Does.Contain("with [Shield]     3 of 3 steps stored: complete, nothing lost"));
        Assert.That(run.Output, Does.Not.Contain("warning"), "built on its own, the sample still finds the root FodyWeavers.xml");
        Assert.That(File.Exists(Repository.PathOf("samples", "OrderSaver", "FodyWeavers.xml")), Is.False, "Fody did not write a default configuration");
    }
}
