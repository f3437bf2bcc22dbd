using System.IO;
using System.Linq;

namespace Shield.Inspect;

/// <summary>The listing of every shielded method: one line each, with what selected it and its timeout.</summary>
public static class ShieldedMethodListing
{
    public static void Write(WovenAssembly assembly, TextWriter output)
    {
        var methods = assembly.ShieldedMethods;
        output.WriteLine($"{assembly.FileName}: woven by Shield.Fody {assembly.WeaverVersion}, {methods.Count} shielded {(methods.Count == 1 ? "method" : "methods")}");
        if (methods.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var rows = methods.Select(m => (Name: m.Operation + m.ParameterList, m.SelectedBy, m.TimeoutText)).ToList();
        var nameWidth = rows.Max(r => r.Name.Length);
        var selectedByWidth = rows.Max(r => r.SelectedBy.Length);
        foreach (var (name, selectedBy, timeout) in rows)
        {
            output.WriteLine($"{name.PadRight(nameWidth)}  {selectedBy.PadRight(selectedByWidth)}  {timeout}");
        }

        output.WriteLine();
        output.WriteLine($"Run shield-inspect {assembly.Path} <method> to see one of them as compiled.");
    }
}
