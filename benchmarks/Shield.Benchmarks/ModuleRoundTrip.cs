using System;
using System.IO;
using System.Xml.Linq;
using Mono.Cecil;
using Shield.Fody;

namespace Shield.Benchmarks;

/// <summary>
/// What Fody does to an assembly, without MSBuild around it: read it with its symbols, optionally run the weaver,
/// write it back with its symbols. Reading and writing alone is the floor weaving is measured against.
/// </summary>
public static class ModuleRoundTrip
{
    public static void Run(string input, string output, bool weave)
    {
        using var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(input)!);
        resolver.AddSearchDirectory(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        using var module = ModuleDefinition.ReadModule(input, new ReaderParameters { ReadSymbols = true, AssemblyResolver = resolver });
        if (weave)
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

        module.Write(output, new WriterParameters { WriteSymbols = true });
    }
}
