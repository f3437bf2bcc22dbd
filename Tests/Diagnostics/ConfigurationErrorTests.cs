using System.Linq;
using System.Xml.Linq;
using Fody;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>Bad &lt;Shield /&gt; configuration is a weaving error that names what is wrong.</summary>
public class ConfigurationErrorTests
{
    static string[] ErrorsFor(string config)
    {
        var weaver = new ModuleWeaver { Config = XElement.Parse(config) };
        var result = weaver.ExecuteTestRun(WovenFlavor.CompiledFixturePath("Debug", "net10.0"), runPeVerify: false, folderName: "config");
        Assert.That(result.Errors.Select(e => e.SequencePoint), Is.All.Null, "configuration errors have no source line");
        return [.. result.Errors.Select(e => e.Text)];
    }

    [Test]
    public void UnknownAttribute() =>
        Assert.That(ErrorsFor("<Shield Inclde='MyApp.*' />"), Is.EqualTo(new[]
        {
            "SHIELD010: FodyWeavers.xml: <Shield /> has an unknown attribute 'Inclde'. Known attributes: Include, Exclude, NoWarn, Calls. Remove it or fix its spelling.",
        }));

    [Test]
    public void UnknownElement() =>
        Assert.That(ErrorsFor("<Shield><Include>MyApp.*</Include></Shield>"), Is.EqualTo(new[]
        {
            "SHIELD010: FodyWeavers.xml: <Shield /> has an unknown element <Include>. Put settings in attributes instead: Include, Exclude, NoWarn, Calls.",
        }));

    [TestCase("<Shield Include='' />", "Include=\"\"")]
    [TestCase("<Shield Exclude='A.*;;B.*' />", "Exclude=\"A.*;;B.*\"")]
    public void EmptyPattern(string config, string named) =>
        Assert.That(ErrorsFor(config), Has.One.StartsWith($"SHIELD010: FodyWeavers.xml: <Shield {named} /> contains an empty pattern."));

    [Test]
    public void NoWarnNamingSomethingElse() =>
        Assert.That(ErrorsFor("<Shield NoWarn='SHIELD999;SHIELD001' />"), Is.EqualTo(new[]
        {
            "SHIELD010: FodyWeavers.xml: <Shield NoWarn=\"SHIELD999;SHIELD001\" /> names 'SHIELD999', which is not a Shield diagnostic ID. Remove it.",
            "SHIELD010: FodyWeavers.xml: <Shield NoWarn=\"SHIELD999;SHIELD001\" /> names SHIELD001, which is an error; errors cannot be suppressed. Remove it.",
        }));
}
