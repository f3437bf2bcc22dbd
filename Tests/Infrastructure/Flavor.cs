using System.Collections.Generic;
using System.Linq;
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

/// <summary>The compiler that built a fixture assembly.</summary>
public enum FixtureCompiler
{
    /// <summary>AssemblyToProcess (and its MSBuild and runtime-async twins).</summary>
    CSharp,

    /// <summary>fixtures/AssemblyToProcess.VisualBasic (and its MSBuild twin): the C# fixtures' shapes, in VB.</summary>
    VisualBasic,

    /// <summary>fixtures/AssemblyToProcess.FSharp (and its MSBuild twin): task-returning F# members.</summary>
    FSharp,
}

/// <summary>
/// One woven build of the fixtures: weave path, configuration and target framework, and the compiler. Debug compiles
/// async methods to class state machines, Release to struct state machines, and RuntimeAsync (C# on net10.0 only,
/// from AssemblyToProcess.RuntimeAsync) to runtime-async methods with no state machine at all.
/// </summary>
public sealed record Flavor(WeavePath Path, string Configuration, string TargetFramework, FixtureCompiler Compiler = FixtureCompiler.CSharp)
{
    public const string RuntimeAsync = "RuntimeAsync";

    /// <summary>The VB.NET fixtures on both weave paths, Debug and Release, netstandard2.0 and net10.0.</summary>
    public static IEnumerable<Flavor> VisualBasic => Of(FixtureCompiler.VisualBasic);

    /// <summary>The F# fixtures on both weave paths, Debug and Release, netstandard2.0 and net10.0.</summary>
    public static IEnumerable<Flavor> FSharp => Of(FixtureCompiler.FSharp);

    static IEnumerable<Flavor> Of(FixtureCompiler compiler) =>
        from path in new[] { WeavePath.TestRun, WeavePath.MSBuild }
        from build in BuildFlavor.All
        select new Flavor(path, build.Configuration, build.TargetFramework, compiler);

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
            if (Compiler != FixtureCompiler.CSharp)
            {
                var name = $"AssemblyToProcess.{Compiler}";
                var folder = Path == WeavePath.MSBuild ? name + ".MSBuild" : name;
                return Repository.PathOf("fixtures", folder, "bin", Configuration, TargetFramework, name + ".dll");
            }

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

    public override string ToString() =>
        Compiler == FixtureCompiler.CSharp ? $"{Path}/{Configuration}/{TargetFramework}" : $"{Compiler}/{Path}/{Configuration}/{TargetFramework}";
}
