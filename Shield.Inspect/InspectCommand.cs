using System.Collections.Generic;
using System.IO;

namespace Shield.Inspect;

/// <summary>shield-inspect from arguments to exit code: parse, open the woven assembly, list or describe, write.</summary>
public static class InspectCommand
{
    public const int Success = 0;

    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        try
        {
            var commandLine = CommandLine.Parse(arguments);
            if (commandLine.ShowHelp)
            {
                output.WriteLine(CommandLine.Usage);
                return Success;
            }

            using var assembly = WovenAssembly.Open(commandLine.AssemblyPath!);
            if (commandLine.MethodName is null)
            {
                ShieldedMethodListing.Write(assembly, output);
            }
            else
            {
                MethodReport.Write(assembly, assembly.Find(commandLine.MethodName), commandLine.ShowIl, output);
            }

            return Success;
        }
        catch (InspectFailure failure)
        {
            error.WriteLine($"shield-inspect: {failure.Message}");
            if (failure.ExitCode == InspectFailure.UsageError)
            {
                error.WriteLine();
                error.WriteLine(CommandLine.Usage);
            }

            return failure.ExitCode;
        }
    }
}
