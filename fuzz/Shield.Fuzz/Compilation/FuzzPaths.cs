using System.IO;
using System.Reflection;

namespace Shield.Fuzz.Compilation;

/// <summary>Where the fuzzer finds what it compiles against and runs with, as its project file recorded them.</summary>
public static class FuzzPaths
{
    static readonly Dictionary<string, string> Metadata = typeof(FuzzPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .ToDictionary(a => a.Key, a => a.Value ?? "");

    public static string RepositoryRoot => Path.GetFullPath(Metadata["RepositoryRoot"]);

    /// <summary>The configuration the fuzzer was built in; the runtime builds of the same configuration are used.</summary>
    public static string Configuration => Metadata["Configuration"];

    public static string NetStandardReferences => Metadata["NetStandardReferences"];

    public static string TasksExtensionsReference => Metadata["TasksExtensionsReference"];

    public static string AsyncInterfacesReference => Metadata["AsyncInterfacesReference"];

    public static string NetReferences => Metadata["NetReferences"];

    /// <summary>The Shield.Fody.Attributes build of one target framework.</summary>
    public static string Runtime(string targetFramework) =>
        Path.Combine(RepositoryRoot, "Shield.Fody.Attributes", "bin", Configuration, targetFramework, "Shield.Fody.Attributes.dll");

    /// <summary>The assembly generated bodies call, shared by every build.</summary>
    public static string Body => typeof(Body.StepLog).Assembly.Location;
}
