using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Fuzz.Campaign;

namespace Shield.Fuzz.Tests;

/// <summary>
/// The oracle can fail: with the token replacement undone after weaving (the body sees its caller's token, while
/// the proxy and fault reporting stay woven), bodies stop at the caller's cancellation and the fuzzer must say so.
/// </summary>
public class BrokenWeaveTests
{
    [Test]
    public async Task OracleReportsBodiesThatSeeTheirCallersToken()
    {
        var output = new StringWriter();
        var options = new CampaignOptions(Seed: 7, Count: 100, BatchSize: 100, FindingsFolder: null, BreakWeave: true);

        var result = await new FuzzCampaign(options, new CampaignReport(output)).RunAsync();

        TestContext.Out.WriteLine(output.ToString());
        Assert.That(result.DivergentMethods, Is.GreaterThan(result.Methods / 4), "most methods pass the caller's token on to a pause");
        Assert.That(result.Divergences.Select(d => d.Check), Has.All.StartWith("caller canceled"),
            "a token that never fires changes nothing: only the canceled caller tells the broken weave apart");
        Assert.That(result.Divergences.SelectMany(d => d.Differences), Has.Some.Contains("step log differs").And.Some.Contains("UnobservedFault"),
            "both the lost steps and the unexpected fault are reported");
        Assert.That(output.ToString(), Does.Contain("DIVERGENCE: seed 7, method").And.Contain("steps: ").And.Contain("namespace Fuzz"),
            "a divergence is printed with its seed, both logs and the method's source");
        Assert.That(result.Summary, Does.EndWith($"{result.DivergentMethods} divergences"));
    }
}
