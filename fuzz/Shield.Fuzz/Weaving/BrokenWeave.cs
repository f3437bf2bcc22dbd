using System.IO;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Shield.Fody.Contract;

namespace Shield.Fuzz.Weaving;

/// <summary>
/// A deliberately broken weave, for proving that the oracle can fail: it takes a woven assembly and undoes the
/// token replacement, so each shielded body sees its caller's token again while everything else (proxy,
/// tracking, fault reporting) stays woven. It lives here, not in the weaver, which has no such switch.
/// </summary>
public static class BrokenWeave
{
    /// <summary>Writes the broken copy of <paramref name="wovenPath"/> to <paramref name="brokenPath"/>.</summary>
    /// <returns>How many token parameter overwrites were undone.</returns>
    public static int UndoTokenReplacement(string wovenPath, string brokenPath)
    {
        var undone = 0;
        using (var module = ModuleDefinition.ReadModule(wovenPath, new ReaderParameters { ReadSymbols = false }))
        {
            foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(IsShielded))
            {
                undone += KeepCallerTokens(method);
            }

            Directory.CreateDirectory(Path.GetDirectoryName(brokenPath)!);
            module.Write(brokenPath);
        }

        return undone;
    }

    static bool IsShielded(MethodDefinition method) =>
        method.HasBody && method.CustomAttributes.Any(a => a.AttributeType.FullName == WeaveContract.MethodMarker.FullName);

    /// <summary>
    /// The woven kickoff stores the body's token into each token parameter (<c>starg</c>); popping the value
    /// instead leaves the caller's token in place.
    /// </summary>
    static int KeepCallerTokens(MethodDefinition method)
    {
        var stores = method.Body.Instructions
            .Where(i => i.OpCode.Code is Code.Starg or Code.Starg_S && IsToken(((ParameterDefinition)i.Operand).ParameterType))
            .ToList();
        foreach (var store in stores)
        {
            store.OpCode = OpCodes.Pop;
            store.Operand = null;
        }

        return stores.Count;
    }

    static bool IsToken(TypeReference type) =>
        type.FullName is "System.Threading.CancellationToken" or "System.Nullable`1<System.Threading.CancellationToken>";
}
