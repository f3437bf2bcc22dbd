using System;
using System.Linq;
using BenchmarkDotNet.Running;
using Shield.Benchmarks;

// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --quick          (what the test suite runs)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --filter "*"     (the full BenchmarkDotNet run)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --weaving-memory (peak memory of weaving)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --build-cost     (dotnet build with and without Shield)
switch (args.FirstOrDefault())
{
    case "--quick":
        return QuickRun.Run();
    case "--weaving-memory":
        WeavingMemory.Report(WeavingBenchmarks.Sizes);
        return 0;
    case "--peak-child":
        WeavingMemory.RunChild(args[2], args[1] == "weave");
        return 0;
    case "--build-cost":
        BuildCost.Report(1_000);
        return 0;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
}
