using NUnit.Framework;
using Tests.Infrastructure;
using Tests.WovenCode;

namespace Tests.Inspect;

/// <summary>
/// The sample in the README's "Inspecting woven code" is what shield-inspect prints for a fixture of a real build.
/// <c>SHIELD_ACCEPT_SNAPSHOTS=1</c> rewrites it.
/// </summary>
public class ReadmeInspectSampleTests
{
    const string Assembly = "bin/Release/net10.0/AssemblyToProcess.dll";
    const string Method = "InstanceMethod.SaveAsync";

    [Test]
    public void ReadmeShowsWhatShieldInspectPrints()
    {
        var result = ShieldInspect.Run(Repository.PathOf("fixtures", "AssemblyToProcess.MSBuild", "bin", "Release", "net10.0", "AssemblyToProcess.dll"), Method);
        CheckBlock("inspect-sample", $"{Assembly} {Method}", result);
    }

    [Test]
    public void ReadmeShowsWhatShieldInspectListsForAnAssemblyWithShieldedCallSites()
    {
        var result = ShieldInspect.Run(Repository.PathOf("fixtures", "SqliteOrders", "bin", "Release", "net10.0", "SqliteOrders.dll"));
        CheckBlock("inspect-listing-sample", "bin/Release/net10.0/SqliteOrders.dll", result);
    }

    static void CheckBlock(string name, string arguments, DotnetCli.Result result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);

        // The decompiler indents with tabs, which READMEs render eight columns wide.
        var expected = $"""
            ```text
            $ shield-inspect {arguments}
            {Snapshot.Normalize(result.Output).Replace("\t", "    ").TrimEnd()}
            ```

            """;
        var block = new ReadmeBlock(name);
        if (Snapshot.Accepting && block.Read() != expected)
        {
            block.Write(expected);
            TestContext.Progress.WriteLine($"README.md: rewrote the {name} block from shield-inspect's output.");
        }

        Assert.That(block.Read(), Is.EqualTo(expected), $"README.md's {name} block is not what shield-inspect prints; run the tests with {Snapshot.AcceptVariable}=1 to rewrite it.");
    }
}
