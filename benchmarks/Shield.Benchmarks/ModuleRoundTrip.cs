using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Mono.Cecil;
using Shield.Fody;

namespace Shield.Benchmarks;

/// <summary>What a round trip does between reading and writing the module.</summary>
public enum RoundTrip
{
    /// <summary>Nothing: Cecil copies every method body as it was read, without decoding it.</summary>
    Unchanged,

    /// <summary>Decodes the bodies and symbols the weave rewrites (async kickoffs and MoveNext), changing nothing.</summary>
    DecodeAsyncBodies,

    /// <summary>Runs the weaver.</summary>
    Weave,
}

/// <summary>
/// What Fody does to an assembly, without MSBuild around it: read it with its symbols, optionally run the weaver,
/// write it back with its symbols. Reading and writing alone is the floor weaving is measured against; decoding the
/// bodies the weave touches separates what Cecil costs any weaver that rewrites them from what Shield adds.
/// </summary>
public static class ModuleRoundTrip
{
    public static void Run(string input, string output, RoundTrip roundTrip)
    {
        using var resolver = new DefaultAssemblyResolver();
        using var module = Read(input, resolver);
        Change(module, resolver, roundTrip);
        Write(module, output);
    }

    /// <summary>Reads the module with its symbols, resolving references next to it and in the running framework.</summary>
    public static ModuleDefinition Read(string input, DefaultAssemblyResolver resolver)
    {
        resolver.AddSearchDirectory(Path.GetDirectoryName(input)!);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        return ModuleDefinition.ReadModule(input, new ReaderParameters { ReadSymbols = true, AssemblyResolver = resolver });
    }

    /// <summary>What happens between reading and writing.</summary>
    public static void Change(ModuleDefinition module, IAssemblyResolver resolver, RoundTrip roundTrip)
    {
        if (roundTrip == RoundTrip.DecodeAsyncBodies)
        {
            DecodeAsyncBodies(module);
        }

        if (roundTrip == RoundTrip.Weave)
        {
            var weaver = new ModuleWeaver
            {
                ModuleDefinition = module,
                Config = new XElement("Shield"),
                AssemblyResolver = resolver,
                ResolveAssembly = name => resolver.Resolve(AssemblyNameReference.Parse(name)),
            };
#pragma warning disable CS0618 // Fody sets these handlers; so does this stand-in for Fody.
            weaver.LogError = message => throw new InvalidOperationException(message);
            weaver.LogErrorPoint = (message, _) => throw new InvalidOperationException(message);
            weaver.LogWarning = message => throw new InvalidOperationException(message);
            weaver.LogWarningPoint = (message, _) => throw new InvalidOperationException(message);
#pragma warning restore CS0618
            weaver.Execute();
        }
    }

    /// <summary>Writes the module with its symbols.</summary>
    public static void Write(ModuleDefinition module, string output) =>
        module.Write(output, new WriterParameters { WriteSymbols = true });

    static void DecodeAsyncBodies(ModuleDefinition module)
    {
        foreach (var method in module.GetTypes().SelectMany(type => type.Methods))
        {
            var stateMachine = method.CustomAttributes
                .Where(a => a.AttributeType.Name == "AsyncStateMachineAttribute")
                .Select(a => ((TypeReference)a.ConstructorArguments[0].Value).Resolve())
                .FirstOrDefault();
            if (stateMachine is null)
            {
                continue;
            }

            foreach (var body in new[] { method, stateMachine.Methods.First(m => m.Name == "MoveNext") })
            {
                _ = body.Body.Instructions.Count;
                _ = body.DebugInformation.SequencePoints.Count;
            }
        }
    }
}
