using System.Collections.Generic;

namespace Tests.Infrastructure;

/// <summary>How a fixture assembly was woven.</summary>
public enum WeavePath
{
    /// <summary>FodyHelpers' ExecuteTestRun, which resolves references from the test process.</summary>
    TestRun,

    /// <summary>Fody's MSBuild task in a real build, which resolves references from the project.</summary>
    MSBuild,
}

/// <summary>One woven build of the fixtures: weave path, configuration (class or struct state machines) and target framework.</summary>
public sealed record Flavor(WeavePath Path, string Configuration, string TargetFramework)
{
    public static IEnumerable<Flavor> All
    {
        get
        {
            foreach (var path in new[] { WeavePath.TestRun, WeavePath.MSBuild })
            {
                foreach (var configuration in new[] { "Debug", "Release" })
                {
                    foreach (var targetFramework in new[] { "netstandard2.0", "net10.0" })
                    {
                        yield return new Flavor(path, configuration, targetFramework);
                    }
                }
            }
        }
    }

    public override string ToString() => $"{Path}/{Configuration}/{TargetFramework}";
}
