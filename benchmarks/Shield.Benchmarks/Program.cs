using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Shield.Benchmarks;

// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --all            (everything in docs/benchmarks.md, about 45 minutes)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --quick          (what the test suite runs)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --filter "*"     (the full BenchmarkDotNet run)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --weaving-memory (peak memory of weaving)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --weaving-phases (where weaving's time goes, GC included)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --build-cost     (dotnet build with and without Shield)
// --methods <n> after one of the last three sizes it down to n methods, and --build-cost to one rebuild each
// (the test suite smoke-runs them so).
// The runtime-async subjects load only in a process the runtime started with DOTNET_RuntimeAsync=1
// (BenchmarkDotNet inspects every benchmark class, and the quick mode runs them in process): become one.
if (Environment.GetEnvironmentVariable("DOTNET_RuntimeAsync") != "1")
{
    return RuntimeAsyncProcess.RunThisAgain(args);
}

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
