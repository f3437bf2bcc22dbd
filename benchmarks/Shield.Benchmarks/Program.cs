using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Shield.Benchmarks.CallBenchmarks).Assembly).Run(args);
