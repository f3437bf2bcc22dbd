using System.Collections.Generic;
using System.Linq;

namespace Shield.Inspect;

/// <summary>
/// The parsed arguments: <c>shield-inspect &lt;assembly&gt; [&lt;method&gt;] [--il]</c>, or <c>--help</c>.
/// </summary>
public sealed record CommandLine(string? AssemblyPath, string? MethodName, bool ShowIl, bool ShowHelp)
{
    public const string Usage = """
        Usage: shield-inspect <assembly> [<method>] [--il]

        Lists the methods Shield.Fody shielded in <assembly>, with what selected each one and its timeout.
        With <method> (an operation name such as MyApp.Orders.SaveAsync, or its end: Orders.SaveAsync, SaveAsync),
        prints that method's woven kickoff as C# (as IL with --il) and what the weave did to it.

        The assembly is read, never run. Exit codes: 0 done, 1 the assembly cannot be inspected (missing, not a .NET
        assembly, not woven by Shield.Fody, no such shielded method), 2 wrong arguments.
        """;

    public static CommandLine Parse(IReadOnlyList<string> arguments)
    {
        if (arguments.Any(a => a is "-h" or "--help" or "-?"))
        {
            return new CommandLine(null, null, ShowIl: false, ShowHelp: true);
        }

        var unknown = arguments.FirstOrDefault(a => a.StartsWith('-') && a != "--il");
        if (unknown != null)
        {
            throw InspectFailure.Usage($"unknown option '{unknown}'.");
        }

        var positional = arguments.Where(a => a != "--il").ToList();
        return positional.Count switch
        {
            0 => throw InspectFailure.Usage("give the path of an assembly to inspect."),
            > 2 => throw InspectFailure.Usage($"too many arguments: '{string.Join("' '", positional.Skip(2))}'."),
            _ => new CommandLine(positional[0], positional.ElementAtOrDefault(1), arguments.Contains("--il"), ShowHelp: false),
        };
    }
}
