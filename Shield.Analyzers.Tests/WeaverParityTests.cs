using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;

namespace Shield.Analyzers.Tests;

/// <summary>
/// The analyzer says what the weaver says, word for word: the same IDs and messages for the weaver's own misuse
/// fixtures and for the shapes only source has names for (lambdas, local functions, initializers, accessors).
/// </summary>
public class WeaverParityTests
{
    static string RepositoryRoot => typeof(WeaverParityTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    [Test]
    public async Task TheWeaversMisuseFixtures()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot, "AssemblyWithMisuses"), "*.cs").Select(File.ReadAllText).ToArray();

        var promised = sources.Sum(source => source.Split("// expect SHIELD").Length - 1);

        var reports = await WeaverParity.Of(sources);

        Assert.That(reports.Weaver, Has.Count.EqualTo(promised), "every diagnostic the fixtures promise is in the comparison");
        Assert.That(reports.Analyzer, Is.EqualTo(reports.Weaver));
    }
}
