using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Tests.Infrastructure;

/// <summary>
/// Loads one woven fixture assembly with the Shield runtime it was built against (the netstandard2.0 or the net8.0
/// build), so every flavour runs its own runtime with its own statics. Everything else, FixtureSupport included,
/// comes from the test process. A collectible context can be unloaded when a test only needs the assembly briefly.
/// </summary>
public sealed class FlavorLoadContext(string name, string fixturePath, string runtimeDirectory, bool isCollectible = false)
    : AssemblyLoadContext(name, isCollectible)
{
    public const string RuntimeAssemblyName = "Shield.Fody.Attributes";

    protected override Assembly? Load(AssemblyName assemblyName) => assemblyName.Name switch
    {
        "AssemblyToProcess" => LoadFromAssemblyPath(fixturePath),
        RuntimeAssemblyName => LoadFromAssemblyPath(Path.Combine(runtimeDirectory, RuntimeAssemblyName + ".dll")),
        _ => null,
    };
}
