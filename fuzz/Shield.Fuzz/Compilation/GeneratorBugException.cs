using System.Text;
using Microsoft.CodeAnalysis;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Compilation;

/// <summary>Generated code that does not compile: a bug in the generator, reported with the code it wrote.</summary>
public sealed class GeneratorBugException(BuildFlavor flavor, IReadOnlyList<Diagnostic> errors, IReadOnlyList<GeneratedMethod> methods)
    : Exception(Describe(flavor, errors, methods))
{
    static string Describe(BuildFlavor flavor, IReadOnlyList<Diagnostic> errors, IReadOnlyList<GeneratedMethod> methods)
    {
        var text = new StringBuilder($"The generated code does not compile for {flavor}:\n");
        foreach (var error in errors.Take(10))
        {
            text.Append("  ").Append(error).Append('\n');
        }

        var files = errors.Select(e => e.Location.SourceTree?.FilePath).Distinct().ToHashSet();
        foreach (var method in methods.Where(m => files.Any(f => f != null && f.EndsWith($"/C{m.Index}.cs", StringComparison.Ordinal))).Take(2))
        {
            text.Append($"\n// method {method.Index} (seed {method.Seed})\n").Append(GeneratedSource.FileOf(method));
        }

        return text.ToString();
    }
}
