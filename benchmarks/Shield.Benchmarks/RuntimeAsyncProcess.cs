using System.Diagnostics;

namespace Shield.Benchmarks;

/// <summary>Starts this program again with the same arguments, with DOTNET_RuntimeAsync=1, and waits for it.</summary>
public static class RuntimeAsyncProcess
{
    public static int RunThisAgain(string[] args)
    {
        var start = Measurements.ThisProgram(args);
        start.Environment["DOTNET_RuntimeAsync"] = "1";
        using var program = Process.Start(start)!;
        program.WaitForExit();
        return program.ExitCode;
    }
}
