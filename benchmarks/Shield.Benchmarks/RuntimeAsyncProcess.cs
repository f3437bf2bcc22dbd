using System;
using System.Diagnostics;
using System.IO;

namespace Shield.Benchmarks;

/// <summary>Starts this program again with the same arguments, with DOTNET_RuntimeAsync=1, and waits for it.</summary>
public static class RuntimeAsyncProcess
{
    public static int RunThisAgain(string[] args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as "dotnet Shield.Benchmarks.dll": the host needs the program's path again.
            start.ArgumentList.Add(typeof(RuntimeAsyncProcess).Assembly.Location);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_RuntimeAsync"] = "1";
        using var program = Process.Start(start)!;
        program.WaitForExit();
        return program.ExitCode;
    }
}
