using System.Linq;
using System.Xml.Linq;
using Fody;
using NUnit.Framework;
using Shield.Fody;

namespace Tests.Diagnostics;

/// <summary>
/// A custom async method builder (here <c>PoolingAsyncValueTaskMethodBuilder&lt;T&gt;</c>) is an error on a method
/// that carries [Shield] (SHIELD013), but an Include pattern that selects such a method passes it over, as it passes
/// over every shape it cannot shield, and lists it at detailed verbosity. Woven with ExecuteTestRun; ConfigurationTests
/// checks the same through Fody's MSBuild task.
/// </summary>
public class PatternOverCustomBuilderTests
{
    const string Pattern = "AssemblyWithMisuses.CustomBuilder.*";

    static readonly TestResult Woven = new ModuleWeaver { Config = XElement.Parse($"<Shield Include=\"{Pattern}\" />") }
        .ExecuteTestRun(MisuseTests.CompiledPath, runPeVerify: false, folderName: "pattern-custom-builder");

    [Test]
    public void OnlyTheMethodThatCarriesShieldGetsSHIELD013()
    {
        var customBuilders = Woven.Errors.Select(e => e.Text).Where(text => text.StartsWith("SHIELD013:", System.StringComparison.Ordinal));

        Assert.That(customBuilders, Has.Exactly(1).Items.And.All.Contains("AssemblyWithMisuses.CustomBuilder.PooledAsync "));
    }

    [Test]
    public void ThePatternPassesOverTheOtherAndListsIt()
    {
        Assert.That(Woven.Messages.Select(m => m.Text), Has.Exactly(1).Items.EqualTo(
            $"Shield: the Include pattern '{Pattern}' matches AssemblyWithMisuses.CustomBuilder.PooledWithoutShieldAsync, which is passed over: " +
            "it is built by the custom async method builder PoolingAsyncValueTaskMethodBuilder<Int32>, and Shield only proxies the standard builders."));
        Assert.That(Woven.Assembly.GetType("AssemblyWithMisuses.CustomBuilder")!.GetMethod("PooledWithoutShieldAsync")!.GetCustomAttributesData()
            .Select(a => a.AttributeType.Name), Does.Not.Contain("ShieldedMethodAttribute"));
    }
}
