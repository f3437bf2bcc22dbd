using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Shield.Inspect;

/// <summary>
/// The listing of what the weave shielded: every shielded method, one line each with what selected it and its
/// timeout, then every shielded call site with its caller, its callee and the IL offset of the call.
/// </summary>
public static class ShieldedMethodListing
{
    public static void Write(WovenAssembly assembly, TextWriter output)
    {
        var methods = assembly.ShieldedMethods;
        var callSites = assembly.ShieldedCallSites;
        output.WriteLine($"{assembly.FileName}: woven by Shield.Fody {assembly.WeaverVersion}, {Count(methods.Count, "shielded method", "shielded methods")}, {Count(callSites.Count, "shielded call site", "shielded call sites")}");
        WriteTable(output, methods.Select(m => new[] { m.Operation + m.ParameterList, m.SelectedBy, m.TimeoutText }).ToList());
        if (callSites.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Shielded call sites (caller, callee, IL offset of the call):");
            WriteTable(output, callSites.Select(c => new[] { c.CallerName, c.CalleeName, c.OffsetText }).ToList());
        }

        if (methods.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Run shield-inspect {assembly.Path} <method> to see one of them as compiled.");
        }
    }

    static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <summary>A blank line, then the rows with each column but the last padded to its widest cell.</summary>
    static void WriteTable(TextWriter output, IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        output.WriteLine();
        var widths = Enumerable.Range(0, rows[0].Length - 1).Select(column => rows.Max(row => row[column].Length)).ToList();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, column) => column < widths.Count ? cell.PadRight(widths[column]) : cell)));
        }
    }
}
