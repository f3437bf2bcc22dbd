using Shield.Fody.Diagnostics;
using Shield.Fody.Model;
using Shield.Fody.Selection;

namespace Shield.Fody.Analysis;

/// <summary>
/// Warns where a shielded call uses a receiver or an argument that its own method later disposes (what <c>using</c>
/// and <c>await using</c> compile to): a caller that walks away disposes it under the call that is still running.
/// </summary>
internal static class DisposalTrapFinder
{
    static readonly System.Text.RegularExpressions.Regex HoistedLocal = new(@"^<([^>]+)>5__\d+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static void Report(IEnumerable<ShieldedCallSite> sites, ICollection<Diagnostic> diagnostics)
    {
        foreach (var site in sites)
        {
            var body = site.Caller.Body;
            var used = LoadsOfArguments(site, body.ReferencedInstructions());
            var disposed = body.Instructions
                .SkipWhile(i => i != site.Call)
                .Where(IsDisposeCall)
                .Select(dispose => LoadedStorage(ReceiverLoad(dispose), site.Caller))
                .FirstOrDefault(storage => storage != null && used.Contains(storage));
            if (disposed != null)
            {
                diagnostics.Add(new(ShieldDiagnostics.DisposalTrap,
                    $"{OperationName.OfCaller(site.Caller)} calls {site.Operation}, shielded by the Calls pattern '{site.Pattern}', on {disposed}, which it disposes afterwards: a caller that walks away disposes it under the running call. Move the call and what it uses into a [Shield] method that creates and disposes them itself.",
                    SequencePointBefore(site.Caller, site.Call)));
            }
        }
    }

    /// <summary>The locals and fields the receiver and arguments are loaded from, where the IL is straight-line.</summary>
    static HashSet<string> LoadsOfArguments(ShieldedCallSite site, HashSet<Instruction> referenced)
    {
        var loads = new HashSet<string>();
        var argumentCount = site.Callee.Parameters.Count + (site.Callee.HasThis ? 1 : 0);
        var start = InstructionQueries.ArgumentStart(site.Call, argumentCount, referenced);
        for (var instruction = start; instruction != null && instruction != site.Call; instruction = instruction.Next)
        {
            if (LoadedStorage(instruction, site.Caller) is { } storage)
            {
                loads.Add(storage);
            }
        }

        return loads;
    }

    static bool IsDisposeCall(Instruction instruction) =>
        instruction.OpCode.Code is Code.Call or Code.Callvirt &&
        instruction.Operand is MethodReference { Name: "Dispose" or "DisposeAsync", HasThis: true, Parameters.Count: 0 };

    static Instruction? ReceiverLoad(Instruction call)
    {
        var previous = call.Previous;
        while (previous != null && previous.OpCode.OpCodeType == OpCodeType.Prefix)
        {
            previous = previous.Previous;
        }

        return previous;
    }

    /// <summary>The local or field an instruction loads (by value or by address) as the source names it, or null.</summary>
    static string? LoadedStorage(Instruction? instruction, MethodDefinition method)
    {
        var variable = instruction?.OpCode.Code is Code.Ldloca or Code.Ldloca_S
            ? (VariableDefinition)instruction.Operand
            : instruction?.LoadedVariable(method.Body);
        if (variable != null)
        {
            return method.DebugInformation.TryGetName(variable, out var name) ? $"the local '{name}'" : $"local {variable.Index}";
        }

        // A local the compiler hoisted into the state machine is a field named <name>5__N.
        return instruction?.OpCode.Code is Code.Ldfld or Code.Ldflda && instruction.Operand is FieldReference field
            ? HoistedLocal.Match(field.Name) is { Success: true } hoisted ? $"the local '{hoisted.Groups[1].Value}'" : $"the field '{field.Name}'"
            : null;
    }

    static SequencePoint? SequencePointBefore(MethodDefinition method, Instruction instruction) =>
        method.DebugInformation.HasSequencePoints
            ? method.DebugInformation.SequencePoints.LastOrDefault(point => !point.IsHidden && point.Offset <= instruction.Offset)
            : null;
}
