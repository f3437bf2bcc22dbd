using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Shield.Fody.Contract;

namespace Shield.Fuzz.Running;

/// <summary>
/// Loads one compiled or woven batch with the Shield runtime of its flavour (the netstandard2.0 or the net8.0
/// build), so each build has its own runtime statics. Everything else, the step log included, comes from the
/// fuzzer's own context. Collectible: a campaign unloads each batch when it is done with it.
/// </summary>
public sealed class BuildLoadContext(string name, string runtimePath) : AssemblyLoadContext(name, isCollectible: true)
{
    public const string RuntimeAssemblyName = WeaveContract.RuntimeAssembly;

    protected override Assembly? Load(AssemblyName assemblyName) =>
        assemblyName.Name == RuntimeAssemblyName ? LoadFromAssemblyPath(runtimePath) : null;

    public Assembly LoadBatch(string path) => LoadFromAssemblyPath(Path.GetFullPath(path));
}
