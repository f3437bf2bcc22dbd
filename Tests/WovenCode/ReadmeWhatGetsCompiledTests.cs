using System.IO;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// The README's "Your code and what gets compiled" is one fixture's source and its approved C# snapshot, so the
/// README shows the real woven code. <c>SHIELD_ACCEPT_SNAPSHOTS=1</c> rewrites the block from the snapshot.
/// </summary>
public class ReadmeWhatGetsCompiledTests
{
    const string Fixture = "InstanceMethod";
    static readonly Flavor Shown = new(WeavePath.TestRun, "Release", "net10.0");

    [Test]
    public void ReadmeShowsTheApprovedSnapshot()
    {
        var block = new ReadmeBlock("what-gets-compiled");
        var expected = Generate();
        if (Snapshot.Accepting && block.Read() != expected)
        {
            block.Write(expected);
            TestContext.Progress.WriteLine("README.md: rewrote the what-gets-compiled block from the approved snapshot.");
        }

        Assert.That(block.Read(), Is.EqualTo(expected),
            $"README.md's what-gets-compiled block is not the approved snapshot of {Fixture}; run the tests with {Snapshot.AcceptVariable}=1 to rewrite it.");
    }

    static string Generate()
    {
        var snapshotName = FixtureCode.SnapshotName(Fixture, Shown, "cs");
        var source = Snapshot.Normalize(File.ReadAllText(FixtureCode.SourcePath(Fixture)));
        // The decompiler indents with tabs, which READMEs render eight columns wide.
        var compiled = Snapshot.Normalize(File.ReadAllText(Snapshot.ApprovedPath(snapshotName))).Replace("\t", "    ");
        return $"""
            ## Your code and what gets compiled

            This is one fixture of the tests, `AssemblyToProcess/{Fixture}.cs`, and its woven {Shown.Configuration} build for
            {Shown.TargetFramework}, decompiled by ICSharpCode.Decompiler with state machines left as compiled. It is generated from
            the approved snapshot `Tests/Snapshots/{Path.GetFileName(Snapshot.ApprovedPath(snapshotName))}`, and a test checks that it
            still is (see [Inspecting woven code](#inspecting-woven-code) for the snapshots of every fixture).

            ### Your code

            ```csharp
            {source.TrimEnd()}
            ```

            ### What gets compiled

            The kickoff method `SaveAsync` keeps the caller's token aside (`ShieldRuntime.CallerTokens`), gives the body
            `CancellationToken.None`, starts the call's span right before the body runs (`ShieldRuntime.StartSpan`, null
            while nothing listens: see [Tracing](#tracing)), and hands the body's task and the span to `ShieldRuntime.Started`,
            which returns the task or a proxy. In
            `MoveNext`, the local `flag` tells the first run from later ones: the first run reports the first suspension
            (`ShieldRuntime.Suspending`), a later run reports how the body ended, right before the builder sets its task
            (`Finishing`, `Faulting`) and right after (`Finished`, `Faulted`); `handedOver` carries what `Finishing`
            returned to `Finished`, so an end with nothing left to hand over looks nothing up. Everything else is
            as the C# compiler wrote it. `[ShieldedMethod]` is the marker `shield-inspect` reads, and `<Shield>Operations`
            is the type the weave adds to hold one operation per shielded method.

            ```csharp
            {compiled.TrimEnd()}
            ```

            """;
    }
}
