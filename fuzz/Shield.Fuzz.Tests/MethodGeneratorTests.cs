using System.Linq;
using NUnit.Framework;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Tests;

public class MethodGeneratorTests
{
    [Test]
    public void TheSameSeedGivesTheSameMethods()
    {
        var first = Enumerable.Range(0, 50).Select(i => MethodGenerator.Generate(42, i).Source);
        var second = Enumerable.Range(0, 50).Select(i => MethodGenerator.Generate(42, i).Source);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void AMethodDependsOnlyOnTheSeedAndItsIndex()
    {
        Assert.That(MethodGenerator.Generate(42, 17).Source, Is.Not.EqualTo(MethodGenerator.Generate(43, 17).Source));
        Assert.That(MethodGenerator.Generate(42, 17).Source, Is.Not.EqualTo(MethodGenerator.Generate(42, 18).Source));
    }

    [Test]
    public void EveryBodySignalsItsEndWhateverWayItEnds()
    {
        foreach (var method in Enumerable.Range(0, 50).Select(i => MethodGenerator.Generate(42, i)))
        {
            Assert.That(method.CalleeSource ?? method.Source, Does.Contain("finally").And.Contain("log.Ended();"));
            Assert.That(method.Parameters.Count(p => p.IsToken), Is.InRange(1, 3));
            Assert.That(method.Parameters.Where(p => p.IsToken).Any(p => p.GetsCallerToken), "some token parameter gets the caller's token");
        }
    }

    [Test]
    public void ACallSiteMethodPassesEverythingToItsCalleeInTheCalleeNamespace()
    {
        var methods = Enumerable.Range(0, 200).Select(i => MethodGenerator.Generate(42, i)).ToList();
        var callSites = methods.Where(m => m.Features.Contains(Feature.CallSite)).ToList();

        Assert.That(callSites, Is.Not.Empty);
        Assert.That(methods.Where(m => m.CalleeSource is not null), Is.EquivalentTo(callSites));
        foreach (var method in callSites)
        {
            Assert.That(method.Source, Does.Not.Contain("[Shield").And.Contain($"=> Fuzz.Callees.C{method.Index}.Run"));
            Assert.That(method.CalleeSource, Does.Contain("log.Ended();"));
            Assert.That(GeneratedSource.CalleeFileOf(method), Does.Contain("namespace Fuzz.Callees\n"));
        }

        Assert.That(GeneratedSource.CalleePrelude, Does.Contain("namespace Fuzz.Callees\n").And.Not.Contain("namespace Fuzz\n"));
    }
}
