using System.IO;
using System.Reflection;
using Shield.Fuzz.Compilation;

namespace Shield.Fuzz.Running;

/// <summary>What a build is, for the oracle.</summary>
public enum BuildKind
{
    Unwoven,
    Woven,
}

/// <summary>
/// One batch build, loaded into its own collectible context with its flavour's runtime (a campaign unloads each batch
/// when it is done with it), and the faults that runtime reports through <c>UnobservedFault</c>. The batch's callee
/// assembly, when it has one, is loaded into the same context, so both builds call the same callees.
/// </summary>
public sealed class LoadedBuild : IDisposable
{
    readonly RuntimeLoadContext _context;

    public LoadedBuild(string assemblyPath, string? calleesPath, BuildFlavor flavor, BuildKind kind)
    {
        _context = new RuntimeLoadContext($"{kind} {flavor}", FuzzPaths.Runtime(flavor.RuntimeTargetFramework), isCollectible: true);
        if (calleesPath != null)
        {
            _context.LoadFromAssemblyPath(Path.GetFullPath(calleesPath));
        }

        Assembly = _context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        Kind = kind;
        Runtime = _context.ViewRuntime();
        Faults = Runtime.RecordUnobservedFaults();
    }

    public Assembly Assembly { get; }

    public BuildKind Kind { get; }

    public RuntimeView Runtime { get; }

    public FaultRecorder Faults { get; }

    public void Dispose()
    {
        Faults.Dispose();
        _context.Unload();
    }
}
