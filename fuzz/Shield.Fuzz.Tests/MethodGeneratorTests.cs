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
            Assert.That(method.Source, Does.Contain("finally").And.Contain("log.Ended();"));
            Assert.That(method.Parameters.Count(p => p.IsToken), Is.InRange(1, 3));
            Assert.That(method.Parameters.Where(p => p.IsToken).Any(p => p.GetsCallerToken), "some token parameter gets the caller's token");
        }
    }
}
