using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Shield.Benchmarks;

/// <summary>Writes and compiles an assembly with a given number of shielded async methods, with its PDB.</summary>
public static class GeneratedAssembly
{
    const int MethodsPerType = 100;

    public static string Source(int methods)
    {
        var source = new StringBuilder("using System.Threading;\nusing System.Threading.Tasks;\nusing Shield;\n\nnamespace Generated;\n");
        for (var type = 0; type * MethodsPerType < methods; type++)
        {
            source.Append($"\npublic class Orders{type}\n{{\n");
            for (var method = type * MethodsPerType; method < Math.Min(methods, (type + 1) * MethodsPerType); method++)
            {
                source.Append($$"""
                        [Shield]
                        public async Task<int> Save{{method}}Async(int order, CancellationToken ct)
                        {
                            await Task.Delay(order, ct);
                            return order + {{method}};
                        }

                    """);
            }

            source.Append("}\n");
        }

        return source.ToString();
    }

    /// <summary>Compiles <paramref name="methods"/> shielded methods (Release) into <paramref name="folder"/>; returns the dll path.</summary>
    public static string Compile(int methods, string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"Generated{methods}.dll");
        var tree = CSharpSyntaxTree.ParseText(Source(methods), new CSharpParseOptions(LanguageVersion.Latest), path: Path.Combine(folder, $"Generated{methods}.cs"), encoding: Encoding.UTF8);
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            [tree],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));

        using var dll = File.Create(path);
        using var pdb = File.Create(Path.ChangeExtension(path, ".pdb"));
        var emitted = compilation.Emit(dll, pdb, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
        if (!emitted.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        File.Copy(typeof(ShieldAttribute).Assembly.Location, Path.Combine(folder, "Shield.Fody.Attributes.dll"), overwrite: true);
        return path;
    }

    static IEnumerable<MetadataReference> References()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (var name in new[] { "System.Private.CoreLib", "System.Runtime", "System.Threading", "System.Threading.Tasks", "netstandard" })
        {
            yield return MetadataReference.CreateFromFile(Path.Combine(runtime, name + ".dll"));
        }

        yield return MetadataReference.CreateFromFile(typeof(ShieldAttribute).Assembly.Location);
    }
}
