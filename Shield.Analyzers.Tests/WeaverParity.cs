using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Fody;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;
using Shield.Fody;

namespace Shield.Analyzers.Tests;

/// <summary>
/// Compiles C# source once, runs the analyzer over it and the weaver over the emitted assembly, and returns both
/// sides' reports as <c>"SHIELDnnn: message"</c>, so a test can check that they say the same thing.
/// </summary>
static class WeaverParity
{
    /// <summary>
    /// What the weaver reports that no source analysis can see: IL shapes, configuration, the whole assembly.
    /// DescriptorTests checks that these and the analyzer's rules are the whole catalogue.
    /// </summary>
    public static readonly string[] WeaverOnly = ["SHIELD005", "SHIELD010", "SHIELD011", "SHIELD012", "SHIELD014", "SHIELD016", "SHIELD018"];

    public sealed record Reports(IReadOnlyList<string> Analyzer, IReadOnlyList<string> Weaver);

    public static async Task<Reports> Of(params string[] sources)
    {
        var references = await Verify.References.ResolveAsync(LanguageNames.CSharp, default);
        var compilation = CSharpCompilation.Create(
            "Parity" + Guid.NewGuid().ToString("N"),
            sources.Select((source, index) => CSharpSyntaxTree.ParseText(SourceText.From(source, Encoding.UTF8), path: $"Source{index}.cs")),
            references.Add(Verify.ShieldAttributes),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors, Is.Empty, "the source compiles");

        var analyzer = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ShieldAnalyzer())).GetAnalyzerDiagnosticsAsync();
        return new(
            [.. analyzer.Select(d => $"{d.Id}: {d.GetMessage()}").Order()],
            [.. Weave(compilation).Order()]);
    }

    static IEnumerable<string> Weave(CSharpCompilation compilation)
    {
        var folder = Directory.CreateTempSubdirectory("shield-parity-").FullName;
        try
        {
            var path = Path.Combine(folder, compilation.AssemblyName + ".dll");
            using (var pe = File.Create(path))
            using (var pdb = File.Create(Path.ChangeExtension(path, ".pdb")))
            {
                var emitted = compilation.Emit(pe, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
                Assert.That(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the source emits");
            }

            var result = new ModuleWeaver().ExecuteTestRun(path, runPeVerify: false);
            return result.Errors.Select(e => e.Text).Concat(result.Warnings.Select(w => w.Text))
                .Where(text => !WeaverOnly.Any(id => text.StartsWith(id, StringComparison.Ordinal)))
                .ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
