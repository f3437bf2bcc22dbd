using System.Linq;
using Fody;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>
/// SHIELD016 keeps the build's error to one line (the exception's type and message); the whole exception, stack
/// included, is written at detailed verbosity, so a bug report can carry it.
/// </summary>
public class InternalErrorTests
{
    /// <summary>A weaver without its configuration element fails where it reads it: any exception takes this path.</summary>
    static readonly TestResult Failed = new ModuleWeaver { Config = null! }
        .ExecuteTestRun(WovenFlavor.CompiledFixturePath("Debug", "net10.0"), runPeVerify: false, folderName: "internal-error");

    [Test]
    public void TheErrorNamesTheExceptionInOneLine()
    {
        var error = Failed.Errors.Single();

        Assert.That(error.Text, Does.StartWith("SHIELD016: Shield.Fody failed unexpectedly while weaving AssemblyToProcess.dll: NullReferenceException: "));
        Assert.That(error.Text, Does.Not.Contain("\n"));
    }

    [Test]
    public void TheWholeExceptionIsInTheDetailedLog()
    {
        var note = Failed.Messages.Select(m => m.Text).Single(text => text.StartsWith("Shield: SHIELD016 while weaving AssemblyToProcess.dll: ", System.StringComparison.Ordinal));

        Assert.That(note, Does.Contain("System.NullReferenceException").And.Contain(" at Shield.Fody.Configuration.ShieldConfiguration.Read("));
    }
}
