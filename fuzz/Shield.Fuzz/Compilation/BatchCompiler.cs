using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Compilation;

/// <summary>
/// Compiles a batch of generated methods into one assembly of one flavour, in memory, with the options the SDK
/// gives such a project (optimization, DEBUG, a portable PDB), and writes it to a folder for the weaver.
/// </summary>
public static class BatchCompiler
{
    /// <summary>Returns the path of the compiled assembly.</summary>
    /// <exception cref="GeneratorBugException">The generated code does not compile: the generator is wrong.</exception>
    public static string Compile(string assemblyName, IReadOnlyList<GeneratedMethod> methods, BuildFlavor flavor, string folder)
    {
        var symbols = flavor.IsDebug ? new[] { "DEBUG", "TRACE" } : ["TRACE", "RELEASE"];
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols:
            [.. symbols, flavor.IsNetStandard ? "NETSTANDARD2_0" : "NET10_0"]);
        var trees = methods
            .Select(m => (Path: $"{assemblyName}/C{m.Index}.cs", Text: GeneratedSource.FileOf(m)))
            .Prepend((Path: $"{assemblyName}/Prelude.cs", Text: GeneratedSource.Prelude))
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), parseOptions, file.Path))
            .ToList();

        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: flavor.IsDebug ? OptimizationLevel.Debug : OptimizationLevel.Release,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable);
        var compilation = CSharpCompilation.Create(assemblyName, trees, ReferenceSets.For(flavor), options);

        Directory.CreateDirectory(folder);
        var assemblyPath = Path.Combine(folder, assemblyName + ".dll");
        var pdbPath = Path.ChangeExtension(assemblyPath, ".pdb");
        EmitResult result;
        using (var assembly = File.Create(assemblyPath))
        using (var pdb = File.Create(pdbPath))
        {
            result = compilation.Emit(assembly, pdb, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdbPath));
        }

        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (!result.Success)
        {
            throw new GeneratorBugException(flavor, errors, methods);
        }

        return assemblyPath;
    }
}
