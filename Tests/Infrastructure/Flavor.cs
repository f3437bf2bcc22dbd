using System.Collections.Generic;
using Shield.Testing;

namespace Tests.Infrastructure;

/// <summary>How a fixture assembly was woven.</summary>
public enum WeavePath
{
    /// <summary>FodyHelpers' ExecuteTestRun, which resolves references from the test process.</summary>
    TestRun,

    /// <summary>Fody's MSBuild task in a real build, which resolves references from the project.</summary>
    MSBuild,
}

/// <summary>
/// One woven build of the fixtures: weave path, configuration and target framework. Debug compiles async methods to
/// class state machines, Release to struct state machines, and RuntimeAsync (net10.0 only, from
/// AssemblyToProcess.RuntimeAsync) to runtime-async methods with no state machine at all.
/// </summary>
public sealed record Flavor(WeavePath Path, string Configuration, string TargetFramework)
{
    public const string RuntimeAsync = "RuntimeAsync";

    public static IEnumerable<Flavor> All
    {
        get
        {
            foreach (var path in new[] { WeavePath.TestRun, WeavePath.MSBuild })
            {
                foreach (var build in BuildFlavor.All)
                {
                    yield return new Flavor(path, build.Configuration, build.TargetFramework);
                }

                yield return new Flavor(path, RuntimeAsync, "net10.0");
            }
        }
    }

    /// <summary>The fixture assembly this flavour starts from: compiled only, or already woven by Fody's MSBuild task.</summary>
    public string BuiltAssembly
    {
        get
        {
            string[] project = (Path, Configuration) switch
            {
                (WeavePath.TestRun, RuntimeAsync) => ["fixtures", "AssemblyToProcess.RuntimeAsync"],
                (WeavePath.MSBuild, RuntimeAsync) => ["fixtures", "AssemblyToProcess.RuntimeAsync.MSBuild"],
                (WeavePath.TestRun, _) => ["AssemblyToProcess"],
                _ => ["fixtures", "AssemblyToProcess.MSBuild"],
            };
            var configuration = Configuration == RuntimeAsync ? "Debug" : Configuration;
            return Repository.PathOf([.. project, "bin", configuration, TargetFramework, "AssemblyToProcess.dll"]);
        }
    }

    public override string ToString() => $"{Path}/{Configuration}/{TargetFramework}";
}
