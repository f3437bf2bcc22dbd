using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Shield.Benchmarks;

/// <summary>
/// What weaving costs: read, weave and write an assembly with its symbols, against the floor of reading and writing
/// the same assembly unchanged, for 1,000, 10,000 and 50,000 shielded methods. Between them, decoding the bodies the
/// weave rewrites shows what Cecil charges any weaver that changes those methods.
/// </summary>
[MemoryDiagnoser]
// An operation takes from a fraction of a second to seconds: time each one (no pilot, one invocation per iteration).
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class WeavingBenchmarks
{
    string _input = "";
    string _output = "";

    /// <summary>The sizes measured; the quick mode measures the smallest only.</summary>
    public static int[] Sizes { get; set; } = [1_000, 10_000, 50_000];

    [ParamsSource(nameof(Sizes))]
    public int Methods { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "shield-weaving-benchmarks", Methods.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _input = GeneratedAssembly.Compile(Methods, folder);
        _output = Path.Combine(folder, "out", Path.GetFileName(_input));
        Directory.CreateDirectory(Path.GetDirectoryName(_output)!);
    }

    [Benchmark(Baseline = true)]
    public void ReadWrite() => ModuleRoundTrip.Run(_input, _output, RoundTrip.Unchanged);

    [Benchmark]
    public void ReadDecodeAsyncBodiesWrite() => ModuleRoundTrip.Run(_input, _output, RoundTrip.DecodeAsyncBodies);

    [Benchmark]
    public void ReadWeaveWrite() => ModuleRoundTrip.Run(_input, _output, RoundTrip.Weave);
}
