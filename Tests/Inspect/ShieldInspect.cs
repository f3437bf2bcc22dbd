using System;
using System.Linq;
using System.Reflection;
using Tests.Infrastructure;

namespace Tests.Inspect;

/// <summary>Runs the shield-inspect build the tests were built with, as a user runs it: a process with arguments.</summary>
public static class ShieldInspect
{
    public static string Configuration { get; } = typeof(ShieldInspect).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Configuration").Value!;

    public static string ToolPath { get; } = Repository.PathOf("Shield.Inspect", "bin", Configuration, "net10.0", "Shield.Inspect.dll");

    public static DotnetCli.Result Run(params string[] arguments) =>
        DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(1), [ToolPath, .. arguments]);
}
