using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Fuzz.Campaign;
using Shield.Testing;

namespace Shield.Fuzz.Tests;

/// <summary>
/// The fixed-seed batch of the test command: 2,000 generated methods, each compiled in Debug and Release for
/// netstandard2.0 and net10.0, woven, and compared with its unwoven build. A divergence fails the test with the
/// fuzzer's full report (seed, source, both logs); see docs/fuzzing.md to turn it into a fixture.
/// </summary>
public class FixedSeedCampaignTests
{
    public const int Seed = 20261125;
    public const int Count = 2000;

    [Test]
    public async Task WovenBuildsBehaveLikeUnwovenOnes()
    {
        var output = new StringWriter();
        var options = new CampaignOptions(Seed, Count, FindingsFolder: Path.Combine(TestContext.CurrentContext.WorkDirectory, "fuzz-findings"));

        var result = await new FuzzCampaign(options, new CampaignReport(output)).RunAsync();

        TestContext.Out.WriteLine(output.ToString());
        Assert.That(options.Flavors, Is.EquivalentTo(BuildFlavor.All), "every build flavour is checked");
        Assert.That(result.Outcomes.Checks, Is.EqualTo(Count * BuildFlavor.All.Count), "every method is checked in every flavour");
        Assert.That(result.Summary, Is.EqualTo($"{Count} methods, 0 divergences"), output.ToString());
        Assert.That(result.Features.Never, Is.Empty, "every feature of the generator appears in the batch");
        Assert.That(result.Outcomes.CanceledMidwayAndThrew, Is.GreaterThan(Count / 20),
            "enough bodies throw after their caller walked away to check UnobservedFault");
    }
}
