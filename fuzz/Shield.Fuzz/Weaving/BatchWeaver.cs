using System.Xml.Linq;
using Fody;
using Shield.Fody;
using Shield.Fuzz.Compilation;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Weaving;

/// <summary>The weave of one compiled batch: where the woven assembly is, and what the weaver reported.</summary>
/// <param name="Errors">Errors and warnings the weaver reported; a generated method should never get one.</param>
public sealed record WeaveResult(string AssemblyPath, IReadOnlyList<string> Errors);

/// <summary>
/// Weaves a compiled batch with the production weaver, through FodyHelpers' ExecuteTestRun; a batch with call-site
/// methods is woven with a Calls pattern naming their callees (a pattern that matches nothing would be SHIELD011).
/// </summary>
public static class BatchWeaver
{
    public static WeaveResult Weave(CompiledBatch batch)
    {
        var configuration = new XElement("Shield");
        if (batch.CalleesPath != null)
        {
            configuration.SetAttributeValue("Calls", GeneratedMethod.CalleeNamespace + ".*");
        }

#pragma warning disable CS0618 // ExecuteTestRun is meant for tests, which is what this is.
        var result = new ModuleWeaver { Config = configuration }.ExecuteTestRun(batch.AssemblyPath, runPeVerify: false);
#pragma warning restore CS0618
        return new WeaveResult(result.AssemblyPath, [.. result.Errors.Select(e => e.Text), .. result.Warnings.Select(w => w.Text)]);
    }
}
