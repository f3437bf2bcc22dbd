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
        WeavingBenchmarks.Sizes = [1_000];
        var summaries = BenchmarkRunner.Run(typeof(Program).Assembly, QuickRun.Config());
        var failed = summaries.SelectMany(s => s.Reports).Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
        failed.ForEach(name => Console.WriteLine($"FAILED: {name}"));
        return summaries.Any(s => s.HasCriticalValidationErrors) || failed.Count > 0 ? 1 : 0;
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
