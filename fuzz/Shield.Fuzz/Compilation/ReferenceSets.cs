using System.Collections.Concurrent;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Shield.Fuzz.Compilation;

/// <summary>
/// The reference assemblies a project of each flavour compiles against, created once: Roslyn keeps what it read
/// from a reference object, so reusing them makes every later compilation cheaper.
/// </summary>
public static class ReferenceSets
{
    static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<MetadataReference>>> Cache = new();

    public static IReadOnlyList<MetadataReference> For(BuildFlavor flavor) =>
        Cache.GetOrAdd(flavor.TargetFramework, framework => new(() => Create(framework))).Value;

    static IReadOnlyList<MetadataReference> Create(string targetFramework)
    {
        IEnumerable<string> paths = targetFramework == "netstandard2.0"
            ? [.. Directory.GetFiles(FuzzPaths.NetStandardReferences, "*.dll"), FuzzPaths.TasksExtensionsReference, FuzzPaths.AsyncInterfacesReference]
            : Directory.GetFiles(FuzzPaths.NetReferences, "*.dll");
        var runtime = FuzzPaths.Runtime(targetFramework == "netstandard2.0" ? "netstandard2.0" : "net8.0");
        return [.. paths.Append(runtime).Append(FuzzPaths.Body).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
