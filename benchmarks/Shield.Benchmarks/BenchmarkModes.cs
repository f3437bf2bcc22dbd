using System.Linq;
using BenchmarkDotNet.Running;

namespace Shield.Benchmarks;

/// <summary>The modes that need BenchmarkDotNet or the runtime-async subjects (see Program.cs for the command lines).</summary>
public static class BenchmarkModes
{
    public static int Run(string[] args)
    {
        int? methods = args.Length > 2 && args[1] == "--methods" ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : null;
        switch (args.FirstOrDefault())
        {
            case "--all":
                BenchmarkRunner.Run(typeof(Program).Assembly);
                WeavingPhases.Report(10_000);
                WeavingMemory.Report(WeavingBenchmarks.Sizes);
                BuildCost.Report(1_000, rounds: 3);
                return 0;
            case "--quick":
                return QuickRun.Run();
            case "--weaving-memory":
                WeavingMemory.Report(methods is { } size ? [size] : WeavingBenchmarks.Sizes);
                return 0;
            case "--peak-child":
                WeavingMemory.RunChild(args[2], args[1] == "weave");
                return 0;
            case "--weaving-phases":
                WeavingPhases.Report(methods ?? 10_000);
                return 0;
            case "--build-cost":
                BuildCost.Report(methods ?? 1_000, rounds: methods is null ? 3 : 1);
                return 0;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
