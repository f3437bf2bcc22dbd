using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Shield.Inspect;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// A fixture's woven code as text: the fixture type of AssemblyToProcess or its VB.NET twin (one file, one type, named alike) with
/// everything nested in it, which holds the woven methods and their state machines and closures, and shows what the
/// weave left alone. Decompiled with shield-inspect's decompiler, so the snapshots guard what users see.
/// </summary>
public static class FixtureCode
{
    static readonly ConcurrentDictionary<Flavor, WovenCodeDecompiler> Decompilers = new();

    /// <summary>The C# fixture names: the files of AssemblyToProcess/, in ordinal order.</summary>
    public static IReadOnlyList<string> Fixtures { get; } = FixturesIn(Repository.PathOf("AssemblyToProcess"), "*.cs");

    /// <summary>The VB.NET fixture names: the files of fixtures/AssemblyToProcess.VisualBasic/, in ordinal order.</summary>
    public static IReadOnlyList<string> VisualBasicFixtures { get; } =
        FixturesIn(Repository.PathOf("fixtures", "AssemblyToProcess.VisualBasic"), "*.vb");

    /// <summary>The fixtures with snapshots, for a flavour's compiler.</summary>
    public static IReadOnlyList<string> FixturesOf(Flavor flavor) =>
        flavor.Compiler == FixtureCompiler.VisualBasic ? VisualBasicFixtures : Fixtures;

    public static string SourcePath(string fixture) => Repository.PathOf("AssemblyToProcess", fixture + ".cs");

    /// <summary>The snapshot name: compiler (for other than C#), fixture, configuration, target framework and language.</summary>
    public static string SnapshotName(string fixture, Flavor flavor, string language) =>
        (flavor.Compiler == FixtureCompiler.CSharp ? "" : $"{flavor.Compiler}.") + $"{fixture}.{flavor.Configuration}.{flavor.TargetFramework}.{language}";

    static IReadOnlyList<string> FixturesIn(string folder, string pattern) =>
        [.. Directory.GetFiles(folder, pattern)
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(System.StringComparer.Ordinal)];

    public static DecompiledCode CSharp(Flavor flavor, string fixture) => Decompiler(flavor).CSharp([TypeToken(flavor, fixture)]);

    public static string Il(Flavor flavor, string fixture) => Decompiler(flavor).Il([TypeToken(flavor, fixture)]);

    /// <summary>The fixture's top-level type; a generic one carries its arity (GenericMethodInGenericType`1).</summary>
    static int TypeToken(Flavor flavor, string fixture) =>
        WovenFlavor.Get(flavor).Fixtures.GetTypes()
            .Single(type => !type.IsNested && type.Namespace == "AssemblyToProcess" && type.Name.Split('`')[0] == fixture)
            .MetadataToken;

    static WovenCodeDecompiler Decompiler(Flavor flavor) => Decompilers.GetOrAdd(flavor, f =>
    {
        var woven = WovenFlavor.Get(f);
        return new WovenCodeDecompiler(woven.AssemblyPath, [woven.ReferenceDirectory]);
    });
}
