using System.Reflection;
using Shield.Fuzz.Compilation;

namespace Shield.Fuzz.Running;

/// <summary>What a build is, for the oracle.</summary>
public enum BuildKind
{
    Unwoven,
    Woven,
}

/// <summary>One batch build, loaded into its own context with its flavour's runtime.</summary>
public sealed class LoadedBuild : IDisposable
{
    readonly BuildLoadContext _context;

    public LoadedBuild(string assemblyPath, BuildFlavor flavor, BuildKind kind)
    {
        _context = new BuildLoadContext($"{kind} {flavor}", FuzzPaths.Runtime(flavor.RuntimeTargetFramework));
        Assembly = _context.LoadBatch(assemblyPath);
        Kind = kind;
        Runtime = new RuntimeView(_context.LoadFromAssemblyName(new AssemblyName(BuildLoadContext.RuntimeAssemblyName)));
    }

    public Assembly Assembly { get; }

    public BuildKind Kind { get; }

    public RuntimeView Runtime { get; }

    public void Dispose() => _context.Unload();
}
