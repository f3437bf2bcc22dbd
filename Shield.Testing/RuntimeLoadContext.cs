using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Shield.Testing;

/// <summary>
/// A context for one build of woven code, with the Shield runtime it must run against (the netstandard2.0 or the
/// net8.0 build), so that each build has its own runtime statics. The build itself is loaded by path; everything
/// else, the probes and step logs shared with the caller included, comes from the caller's context. A collectible
/// context can be unloaded when the build is needed only briefly.
/// </summary>
public sealed class RuntimeLoadContext(string name, string runtimePath, bool isCollectible = false) : AssemblyLoadContext(name, isCollectible)
{
    public const string RuntimeAssemblyName = Shield.Fody.Contract.WeaveContract.RuntimeAssembly;

    /// <summary>A context whose runtime is the one in <paramref name="folder"/>, as a build's output folder holds it.</summary>
    public static RuntimeLoadContext InFolder(string name, string folder, bool isCollectible = false) =>
        new(name, Path.Combine(folder, RuntimeAssemblyName + ".dll"), isCollectible);

    /// <summary>The context's own copy of the Shield runtime, seen through reflection.</summary>
    public RuntimeView ViewRuntime() => new(LoadFromAssemblyName(new AssemblyName(RuntimeAssemblyName)));

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == RuntimeAssemblyName ? LoadFromAssemblyPath(runtimePath) : null;
}
