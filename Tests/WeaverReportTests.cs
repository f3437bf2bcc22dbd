using System.Linq;
using Fody;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Fody;
using Tests.Infrastructure;

namespace Tests;

/// <summary>What the weaver tells the build about a module.</summary>
public class WeaverReportTests
{
    [Test]
    public void ReportsHowManyMethodsItShielded()
    {
        var result = WovenFlavor.Get(new Flavor(WeavePath.TestRun, "Release", "net10.0")).WeaveResult!;
        var infos = result.Messages.Select(m => m.Text).Where(t => t.StartsWith("Shield: shielded ")).ToList();
        var shielded = SelectedByAttributes(WovenFlavor.CompiledFixturePath("Release", "net10.0"));

        // The calls: the sites of AssemblyToProcess/CallSites.cs that the fixtures' Calls patterns select.
        Assert.That(infos, Is.EqualTo(new[]
        {
            $"Shield: shielded {shielded} methods in AssemblyToProcess.dll",
            "Shield: shielded 31 calls to 19 methods in AssemblyToProcess.dll",
        }));
        Assert.That(shielded, Is.GreaterThan(20));
        Assert.That(result.Warnings, Is.Empty);
    }

    /// <summary>
    /// The count the selection rules give, read from the compiled fixtures before any weave (not from the markers
    /// the weave leaves): every method, lambda or local function with [Shield], and every async method with a token
    /// declared in a [Shield] type.
    /// </summary>
    static int SelectedByAttributes(string compiledPath)
    {
        using var module = ModuleDefinition.ReadModule(compiledPath);
        var types = module.GetTypes().ToList();
        var onMethods = types.SelectMany(type => type.Methods).Count(method => Has(method, Shield));
        var byTypes = types.Where(type => Has(type, Shield))
            .SelectMany(type => type.Methods)
            .Count(method => !Has(method, Shield)
                && !Has(method, "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
                && Has(method, "System.Runtime.CompilerServices.AsyncStateMachineAttribute")
                && method.Parameters.Any(p => p.ParameterType.FullName.Contains("System.Threading.CancellationToken")));
        return onMethods + byTypes;
    }

    const string Shield = "Shield.ShieldAttribute";

    static bool Has(ICustomAttributeProvider provider, string attribute) => provider.CustomAttributes.Any(a => a.AttributeType.FullName == attribute);

    [Test]
    public void WarnsWhenConfiguredButNothingWasShielded()
    {
        // FixtureSupport is an assembly without a single [Shield].
        var result = new ModuleWeaver().ExecuteTestRun(Repository.PathOf("fixtures", "FixtureSupport", "bin", "Release", "netstandard2.0", "FixtureSupport.dll"), runPeVerify: false);

        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.Warnings.Select(w => w.Text), Is.EqualTo(new[]
        {
            "SHIELD012: <Shield /> is configured for FixtureSupport.dll, but no method was shielded. Put [Shield] on an async method with a CancellationToken parameter, add an Include pattern, or remove <Shield /> from FodyWeavers.xml.",
        }));
        Assert.That(result.Messages.Select(m => m.Text), Does.Contain("Shield: shielded 0 methods in FixtureSupport.dll"));
    }
}

