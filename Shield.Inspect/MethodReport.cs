using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Shield.Inspect;

/// <summary>One shielded method in detail: its configuration, what the weave did to it, and its woven kickoff as code.</summary>
public static class MethodReport
{
    public static void Write(WovenAssembly assembly, IReadOnlyList<ShieldedMethod> methods, bool showIl, TextWriter output)
    {
        using var decompiler = new WovenCodeDecompiler(assembly.Path, referenceDirectories: []);
        foreach (var method in methods)
        {
            if (method != methods[0])
            {
                output.WriteLine();
            }

            Write(method, decompiler, showIl, output);
        }
    }

    static void Write(ShieldedMethod method, WovenCodeDecompiler decompiler, bool showIl, TextWriter output)
    {
        output.WriteLine(method.Operation + method.ParameterList);
        output.WriteLine($"  selected by: {method.SelectedBy}");
        output.WriteLine($"  timeout:     {(method.TimeoutMilliseconds > 0 ? $"{method.TimeoutMilliseconds} ms" : "none")}");
        output.WriteLine();

        var effects = WeaveEffects.Read(method);
        output.WriteLine("What the weave did:");
        foreach (var effect in effects.Tokens)
        {
            output.WriteLine(effect.Receives is null
                ? $"  - the body's {effect.Parameter} ({effect.TypeName}) is the caller's, unchanged"
                : $"  - the body's {effect.Parameter} ({effect.TypeName}) is {effect.Receives}; the caller's {effect.Parameter} now only cancels what the caller receives");
        }

        output.WriteLine($"  - the caller receives {effects.CallerReceives}");
        foreach (var call in effects.StateMachineCalls)
        {
            output.WriteLine($"  - {call}");
        }

        output.WriteLine();
        var kickoff = method.Method.MetadataToken.ToInt32();
        if (showIl)
        {
            output.WriteLine("Woven kickoff method, disassembled to IL:");
            output.WriteLine(decompiler.Il([kickoff]).TrimEnd());
        }
        else
        {
            output.WriteLine("Woven kickoff method, decompiled to C#:");
            output.WriteLine(decompiler.CSharp([kickoff]).Text.TrimEnd());
        }
    }
}
