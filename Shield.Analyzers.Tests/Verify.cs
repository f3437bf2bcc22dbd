using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Shield.Analyzers.Tests;

/// <summary>
/// Runs <see cref="ShieldAnalyzer"/> over C# source with the .NET 8 reference assemblies and the real
/// Shield.Fody.Attributes, and checks that it reports exactly the expected diagnostics, messages included.
/// Locations are marked in the source with <c>{|#0:text|}</c>.
/// </summary>
static class Verify
{
    public static readonly ReferenceAssemblies References = ReferenceAssemblies.Net.Net80;

    public static MetadataReference ShieldAttributes { get; } = MetadataReference.CreateFromFile(typeof(ShieldAttribute).Assembly.Location);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor, int location, params object[] arguments) =>
        new DiagnosticResult(descriptor).WithLocation(location).WithArguments(arguments);

    public static Task Analyzer(string source, params DiagnosticResult[] expected) => Analyzer([source], expected);

    /// <summary>Several documents, named <c>/0/Test0.cs</c>, <c>/0/Test1.cs</c>...: <c>{|#0:text|}</c> marks are numbered across them.</summary>
    public static Task Analyzer(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<ShieldAnalyzer, DefaultVerifier> { ReferenceAssemblies = References };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        test.TestState.AdditionalReferences.Add(ShieldAttributes);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// Applies the fix with <paramref name="equivalenceKey"/> to each diagnostic of <paramref name="sources"/>, one at a
    /// time and by Fix All in the document, the project and the solution, and checks that each way gives
    /// <paramref name="fixedSources"/>, exactly, trivia included. Diagnostics are marked in the sources as
    /// <c>{|SHIELD001:Fire|}</c>, in the fixed sources too where a fix leaves one. Fixed sources equal to the sources
    /// say that the fix is not offered.
    /// </summary>
    public static Task CodeFix<TCodeFix>(string[] sources, string[] fixedSources, string equivalenceKey)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<ShieldAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = References,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        foreach (var source in sources)
        {
            test.TestState.Sources.Add(source);
        }

        foreach (var source in fixedSources)
        {
            test.FixedState.Sources.Add(source);
        }

        test.TestState.AdditionalReferences.Add(ShieldAttributes);
        test.FixedState.AdditionalReferences.Add(ShieldAttributes);
        return test.RunAsync();
    }

    public static Task CodeFix<TCodeFix>(string source, string fixedSource, string equivalenceKey)
        where TCodeFix : CodeFixProvider, new() =>
        CodeFix<TCodeFix>([source], [fixedSource], equivalenceKey);
}
