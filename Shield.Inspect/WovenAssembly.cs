using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mono.Cecil;
using Shield.Fody.Contract;

namespace Shield.Inspect;

/// <summary>
/// An assembly Shield.Fody wove, read with Cecil. Fody rewrites the assembly in place, so there is no unwoven copy to
/// compare with: what was woven is known from the markers the weave leaves, <c>[assembly: ShieldWoven(version)]</c>
/// and <c>[ShieldedMethod]</c> on each woven method.
/// </summary>
public sealed class WovenAssembly : IDisposable
{
    readonly ModuleDefinition _module;

    WovenAssembly(string path, ModuleDefinition module, string weaverVersion)
    {
        Path = path;
        _module = module;
        WeaverVersion = weaverVersion;
        ShieldedMethods = [.. module.GetTypes().SelectMany(type => type.Methods).Select(ShieldedMethod.Read).OfType<ShieldedMethod>()];
        ShieldedCallSites = [.. module.GetTypes().SelectMany(type => type.Methods).SelectMany(ShieldedCallSite.Read)];
    }

    /// <summary>The path as the user gave it.</summary>
    public string Path { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The version of Shield.Fody that wove the assembly, from the module marker.</summary>
    public string WeaverVersion { get; }

    /// <summary>Every method the weave marked, in the order of the assembly's types.</summary>
    public IReadOnlyList<ShieldedMethod> ShieldedMethods { get; }

    /// <summary>Every call a Calls pattern shielded, in the order of the assembly's types and of the IL.</summary>
    public IReadOnlyList<ShieldedCallSite> ShieldedCallSites { get; }

    /// <summary>Reads the assembly; fails with a message a user can act on when it is missing, not .NET, or never woven.</summary>
    public static WovenAssembly Open(string path)
    {
        if (!File.Exists(path))
        {
            throw InspectFailure.Input($"{path}: no such file.");
        }

        ModuleDefinition module;
        try
        {
            // In memory, so the file is not held open, and without symbols: only metadata and IL are read.
            module = ModuleDefinition.ReadModule(new MemoryStream(File.ReadAllBytes(path)), new ReaderParameters { ReadSymbols = false });
        }
        catch (Exception exception) when (exception is BadImageFormatException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            throw InspectFailure.Input($"{path}: not a .NET assembly ({exception.Message.TrimEnd('.')}).");
        }

        var marker = module.Assembly?.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == WeaveContract.WovenMarker.FullName);
        if (marker is null)
        {
            module.Dispose();
            throw InspectFailure.Input($"{path}: not woven by Shield.Fody (it has no [assembly: Shield.ShieldWoven] marker). Build it with <Shield /> in FodyWeavers.xml and [Shield] on the methods to shield.");
        }

        return new WovenAssembly(path, module, (string)marker.ConstructorArguments[WeaveContract.WovenMarker.WeaverVersion].Value);
    }

    /// <summary>
    /// The shielded methods a name selects: the full operation name (<c>Namespace.Type.Method</c>) or its end after a
    /// dot (<c>Type.Method</c>, <c>Method</c>). Overloads share an operation and are all selected.
    /// </summary>
    public IReadOnlyList<ShieldedMethod> Find(string name)
    {
        var exact = ShieldedMethods.Where(m => m.Operation == name).ToList();
        var matches = exact.Count > 0 ? exact : ShieldedMethods.Where(m => m.Operation.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            throw InspectFailure.Input($"{FileName}: no shielded method is named '{name}'. Run shield-inspect {Path} to list them.");
        }

        var operations = matches.Select(m => m.Operation).Distinct().ToList();
        if (operations.Count > 1)
        {
            throw InspectFailure.Input($"{FileName}: '{name}' names {operations.Count} shielded methods; give one of these in full:{Environment.NewLine}{string.Join(Environment.NewLine, operations.Select(o => "  " + o))}");
        }

        return matches;
    }

    public void Dispose() => _module.Dispose();
}
