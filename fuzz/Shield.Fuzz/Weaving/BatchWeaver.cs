using Fody;
using Shield.Fody;

namespace Shield.Fuzz.Weaving;

/// <summary>The weave of one compiled batch: where the woven assembly is, and what the weaver reported.</summary>
/// <param name="Errors">Errors and warnings the weaver reported; a generated method should never get one.</param>
public sealed record WeaveResult(string AssemblyPath, IReadOnlyList<string> Errors);

/// <summary>Weaves a compiled batch with the production weaver, through FodyHelpers' ExecuteTestRun.</summary>
public static class BatchWeaver
{
    public static WeaveResult Weave(string compiledPath)
    {
#pragma warning disable CS0618 // ExecuteTestRun is meant for tests, which is what this is.
        var result = new ModuleWeaver().ExecuteTestRun(compiledPath, runPeVerify: false);
#pragma warning restore CS0618
        return new WeaveResult(result.AssemblyPath, [.. result.Errors.Select(e => e.Text), .. result.Warnings.Select(w => w.Text)]);
    }
}
