using System.Collections.Generic;

namespace Shield.Testing;

/// <summary>
/// One way real builds compile async methods: Debug (class state machines) or Release (struct state machines), for
/// netstandard2.0 (woven code runs on the netstandard2.0 runtime) or net10.0 (on the net8.0 runtime).
/// </summary>
public sealed record BuildFlavor(string Configuration, string TargetFramework)
{
    public static IReadOnlyList<BuildFlavor> All { get; } =
    [
        new("Debug", "netstandard2.0"),
        new("Release", "netstandard2.0"),
        new("Debug", "net10.0"),
        new("Release", "net10.0"),
    ];

    public bool IsDebug => Configuration == "Debug";

    public bool IsNetStandard => TargetFramework == "netstandard2.0";

    /// <summary>The target framework of the Shield.Fody.Attributes build that woven code of this flavour runs against.</summary>
    public string RuntimeTargetFramework => IsNetStandard ? "netstandard2.0" : "net8.0";

    public override string ToString() => $"{Configuration}/{TargetFramework}";
}
