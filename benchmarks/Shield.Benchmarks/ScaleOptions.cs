using System;
using System.Linq;

namespace Shield.Benchmarks;

/// <summary>What <c>--scale</c> measures: worker counts, the length of one cell, and how many rounds give the median.</summary>
public sealed record ScaleOptions(int[] Workers, TimeSpan Cell, int Rounds, bool Quick)
{
    /// <summary>Reads <c>--quick</c>, <c>--workers 1,2,4</c>, <c>--cell-ms 500</c> and <c>--rounds 3</c>.</summary>
    public static ScaleOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

        var workers = Value("--workers")?.Split(',').Select(int.Parse).ToArray() ?? (quick ? [1, 2] : [1, 2, 4, 8, 16]);
        var cell = TimeSpan.FromMilliseconds(Value("--cell-ms") is { } ms ? int.Parse(ms) : quick ? 30 : 1000);
        var rounds = Value("--rounds") is { } r ? int.Parse(r) : quick ? 1 : 3;
        return new ScaleOptions(workers, cell, rounds, quick);
    }
}
