using System;
using System.Linq;
using Shield.Benchmarks;

// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --all            (everything in docs/benchmarks.md, about 45 minutes)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --quick          (what the test suite runs)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --filter "*"     (the full BenchmarkDotNet run)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --weaving-memory (peak memory of weaving)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --weaving-phases (where weaving's time goes, GC included)
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --build-cost     (dotnet build with and without Shield)
// --methods <n> after one of the last three sizes it down to n methods, and --build-cost to one rebuild each
// (the test suite smoke-runs them so).
// dotnet run -c Release --project benchmarks/Shield.Benchmarks -- --scale           (throughput with 1 to 16 parallel workers;
//     --quick: 1 and 2 workers, a few ms each; --workers 1,4 --cell-ms 500 --rounds 2 to choose)
// --scale runs first, in this process, as started: it touches no runtime-async subject and no BenchmarkDotNet type,
// so a machine with a bare runtime (no SDK) runs it with `dotnet Shield.Benchmarks.dll --scale` and only this
// program's own assemblies beside it.
if (args.FirstOrDefault() == "--scale")
{
    return ScaleBenchmark.Report(ScaleOptions.Parse(args));
}

// The runtime-async subjects load only in a process the runtime started with DOTNET_RuntimeAsync=1
// (BenchmarkDotNet inspects every benchmark class, and the quick mode runs them in process): become one.
if (Environment.GetEnvironmentVariable("DOTNET_RuntimeAsync") != "1")
{
    return RuntimeAsyncProcess.RunThisAgain(args);
}

return BenchmarkModes.Run(args);
