using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Threading;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp;
using ICSharpCode.Decompiler.CSharp.OutputVisitor;
using ICSharpCode.Decompiler.CSharp.Syntax;
using ICSharpCode.Decompiler.Disassembler;
using ICSharpCode.Decompiler.Metadata;

namespace Shield.Inspect;

/// <summary>
/// Decompiles members of a woven assembly to C# and disassembles them to IL, the same way for shield-inspect and for
/// the snapshot tests, so what users see is what the tests guard. The output is deterministic: it holds no path, no
/// RVA and nothing else that changes when an unrelated part of the assembly does.
/// </summary>
public sealed class WovenCodeDecompiler : IDisposable
{
    // Comments the decompiler writes into correct code; any other comment is a warning or an error it met.
    static readonly string[] BenignComments =
    [
        "ILSpy generated this explicit interface implementation from .override directive in ",
    ];

    readonly PEFile _file;
    readonly DecompilerSettings _settings;
    readonly CSharpDecompiler _decompiler;

    /// <param name="assemblyPath">The assembly to read; it is read into memory and never loaded for execution.</param>
    /// <param name="referenceDirectories">
    /// Where to look for referenced assemblies besides the assembly's own folder and the .NET runtime.
    /// </param>
    public WovenCodeDecompiler(string assemblyPath, IEnumerable<string> referenceDirectories)
    {
        _file = new PEFile(assemblyPath, PEStreamOptions.PrefetchEntireImage);
        var resolver = new UniversalAssemblyResolver(assemblyPath, throwOnError: false, _file.DetectTargetFrameworkId());
        foreach (var directory in referenceDirectories)
        {
            resolver.AddSearchDirectory(directory);
        }

        _settings = new DecompilerSettings(LanguageVersion.Latest)
        {
            // Show state machines, lambdas and local functions as the methods they were compiled to: that is where
            // the weave lands, and re-sugaring them into async methods and closures would hide it.
            AsyncAwait = false,
            AnonymousMethods = false,
            LocalFunctions = false,
            ThrowOnAssemblyResolveErrors = false,
        };
        _decompiler = new CSharpDecompiler(_file, resolver, _settings);
    }

    /// <summary>The members (types or methods, by metadata token) as one C# syntax tree, with any problem found.</summary>
    public DecompiledCode CSharp(IEnumerable<int> metadataTokens)
    {
        var handles = metadataTokens.Select(token => MetadataTokens.EntityHandle(token)).ToList();
        // Whole types are decompiled in their namespace; single members are not.
        var tree = handles.All(handle => handle.Kind == HandleKind.TypeDefinition)
            ? _decompiler.DecompileTypes(handles.Select(handle => (TypeDefinitionHandle)handle))
            : _decompiler.Decompile(handles);
        var writer = new StringWriter { NewLine = "\n" };
        tree.AcceptVisitor(new CSharpOutputVisitor(writer, _settings.CSharpFormattingOptions));
        return new DecompiledCode(writer.ToString(), ProblemsIn(tree));
    }

    /// <summary>The members (types or methods, by metadata token) disassembled to IL, one after the other.</summary>
    public string Il(IEnumerable<int> metadataTokens)
    {
        var output = new PlainTextOutput(new StringWriter { NewLine = "\n" });
        var disassembler = new ReflectionDisassembler(output, CancellationToken.None);
        foreach (var handle in metadataTokens.Select(token => MetadataTokens.EntityHandle(token)))
        {
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    disassembler.DisassembleType(_file, (TypeDefinitionHandle)handle);
                    break;
                case HandleKind.MethodDefinition:
                    disassembler.DisassembleMethod(_file, (MethodDefinitionHandle)handle);
                    break;
                default:
                    throw new ArgumentException($"Only types and methods can be disassembled, not {handle.Kind}.", nameof(metadataTokens));
            }

            output.WriteLine();
        }

        // A method's RVA moves whenever any method before it in the file grows: it says nothing about this method.
        return string.Join("\n", output.ToString().Split('\n').Where(line => !line.TrimStart().StartsWith("// Method begins at RVA", StringComparison.Ordinal)));
    }

    static List<string> ProblemsIn(SyntaxTree tree) =>
    [
        .. tree.Descendants.OfType<ErrorExpression>().Select(error => $"error expression: {error}"),
        .. tree.Descendants.OfType<Comment>()
            .Select(comment => comment.Content.Trim())
            .Where(content => !BenignComments.Any(benign => content.StartsWith(benign, StringComparison.Ordinal))),
    ];

    public void Dispose() => _file.Dispose();
}

/// <summary>Decompiled C# and the warnings or errors the decompiler wrote into it (none for valid IL).</summary>
public sealed record DecompiledCode(string Text, IReadOnlyList<string> Problems);
