using System.IO;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Compilation;

/// <summary>A compiled batch: the assembly to weave, and the callee assembly of its call-site methods (never woven), if any.</summary>
public sealed record CompiledBatch(string AssemblyPath, string? CalleesPath);

/// <summary>
/// Compiles a batch of generated methods into one assembly of one flavour, in memory, with the options the SDK
/// gives such a project (optimization, DEBUG, a portable PDB), and writes it to a folder for the weaver. The callees
/// of call-site methods go first into a second assembly of the same flavour, which the first references.
/// </summary>
public static class BatchCompiler
{
    /// <exception cref="GeneratorBugException">The generated code does not compile: the generator is wrong.</exception>
    public static CompiledBatch Compile(string assemblyName, IReadOnlyList<GeneratedMethod> methods, BuildFlavor flavor, string folder)
    {
        Directory.CreateDirectory(folder);
        var callSites = methods.Where(m => m.CalleeSource != null).ToList();
        var calleesName = assemblyName + ".Callees";
        var calleesPath = callSites.Count == 0 ? null : Emit(calleesName, methods, flavor, folder, [],
            callSites.Select(m => (Path: $"{calleesName}/C{m.Index}.cs", Text: GeneratedSource.CalleeFileOf(m)))
                .Prepend((Path: $"{calleesName}/Prelude.cs", Text: GeneratedSource.CalleePrelude)));
        var assemblyPath = Emit(assemblyName, methods, flavor, folder,
            calleesPath is null ? [] : [MetadataReference.CreateFromFile(calleesPath)],
            methods.Select(m => (Path: $"{assemblyName}/C{m.Index}.cs", Text: GeneratedSource.FileOf(m)))
                .Prepend((Path: $"{assemblyName}/Prelude.cs", Text: GeneratedSource.Prelude)));
        return new CompiledBatch(assemblyPath, calleesPath);
    }

    /// <summary>Returns the path of the compiled assembly.</summary>
    static string Emit(string assemblyName, IReadOnlyList<GeneratedMethod> methods, BuildFlavor flavor, string folder,
        IReadOnlyList<MetadataReference> batchReferences, IEnumerable<(string Path, string Text)> files)
    {
        var symbols = flavor.IsDebug ? new[] { "DEBUG", "TRACE" } : ["TRACE", "RELEASE"];
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols:
            [.. symbols, flavor.IsNetStandard ? "NETSTANDARD2_0" : "NET10_0"]);
        var trees = files
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(file.Text, Encoding.UTF8), parseOptions, file.Path))
            .ToList();

        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: flavor.IsDebug ? OptimizationLevel.Debug : OptimizationLevel.Release,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable);
        var compilation = CSharpCompilation.Create(assemblyName, trees, [.. ReferenceSets.For(flavor), .. batchReferences], options);

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
