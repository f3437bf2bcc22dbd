using System.IO;
using System.Linq;
using Fody;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// Weaving an assembly twice must not wrap twice. Fody's MSBuild task already skips a module it processed; this is
/// the guard other pipelines reach.
/// </summary>
public class WeaveTwiceTests
{
    [TestCase("Debug")]
    [TestCase("Release")]
    public void TheSecondWeaveSkipsTheModule(string configuration)
    {
        var first = new ModuleWeaver().ExecuteTestRun(WovenFlavor.CompiledFixturePath(configuration, "net10.0"), runPeVerify: false, folderName: "once");
        var second = new ModuleWeaver().ExecuteTestRun(first.AssemblyPath, runPeVerify: false, folderName: "twice");

        Assert.That(second.Errors, Is.Empty);
        Assert.That(second.Warnings, Is.Empty);
        Assert.That(second.Messages.Select(m => m.Text), Does.Contain("Shield: AssemblyToProcess.dll was already woven by Shield; skipped."));

        using var once = ModuleDefinition.ReadModule(first.AssemblyPath);
        using var twice = ModuleDefinition.ReadModule(second.AssemblyPath);
        foreach (var type in once.GetTypes())
        {
            foreach (var method in type.Methods)
            {
                var again = twice.GetType(type.FullName).Methods.Single(m => m.FullName == method.FullName);
                Assert.That(IlText.Of(again), Is.EqualTo(IlText.Of(method)), method.FullName);
            }
        }
    }
}
