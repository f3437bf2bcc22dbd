using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime;
using System.Threading;
using System.Threading.Tasks;
using Shield.Benchmarks.Subjects;

namespace Shield.Benchmarks;

/// <summary>
/// Throughput of suspending calls from N parallel workers, each awaiting one call after another: the unwoven method,
/// the hand-written <c>WaitAsync</c> equivalent and the shielded method with a cancelable token that never fires, then
/// the unwoven and shielded methods with <see cref="CancellationToken.None"/>. A Stopwatch loop in this process, so a
/// machine without the SDK can run it (docs/benchmarks.md, "Scaling with cores").
/// </summary>
public static class ScaleBenchmark
{
    /// <summary>The variants, in the table's column order.</summary>
    static readonly (string Name, bool Cancelable, Func<Orders, CancellationToken, Task<int>> Call)[] Variants =
    [
        ("unwoven", true, (orders, ct) => orders.SaveAsync(ct)),
        ("hand-written", true, (orders, ct) => orders.SaveAsync(CancellationToken.None).WaitAsync(ct)),
        ("shielded", true, (orders, ct) => orders.ShieldedSaveAsync(ct)),
        ("unwoven None", false, (orders, ct) => orders.SaveAsync(ct)),
        ("shielded None", false, (orders, ct) => orders.ShieldedSaveAsync(ct)),
    ];

    /// <summary>Prints the table for <paramref name="options"/>; fails if a shielded call is still counted afterwards.</summary>
    public static int Report(ScaleOptions options)
    {
        Woven.Require(typeof(Orders));
        var (workers, duration, rounds) = (options.Workers, options.Cell, options.Rounds);
        var quick = options.Quick;

        Console.WriteLine($"Scale: {Environment.ProcessorCount} cores, server GC {GCSettings.IsServerGC}, .NET {Environment.Version}, {duration.TotalMilliseconds:0} ms per cell, median of {rounds}");
        Console.WriteLine("Ratios: the median of each round's own ratio (the variants of a round run back to back), with the lowest and highest round in brackets.");
        Console.WriteLine("| workers | unwoven | hand-written `WaitAsync(ct)` | `[Shield]` | shielded / hand-written | unwoven, `None` | `[Shield]`, `None` | shielded / unwoven, `None` |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        var orders = new Orders();
        foreach (var (_, cancelable, call) in Variants)
        {
            Measure(orders, call, cancelable, 2, TimeSpan.FromMilliseconds(quick ? 10 : 300)); // JIT and pool warm-up
        }

        foreach (var count in workers)
        {
            var rates = new double[Variants.Length][];
            for (var v = 0; v < Variants.Length; v++)
            {
                rates[v] = new double[rounds];
            }

            // Rounds interleave the variants, each round starting one further along, so that drift in the machine and
            // the place in the round touch them alike.
            for (var round = 0; round < rounds; round++)
            {
                for (var step = 0; step < Variants.Length; step++)
                {
                    var v = (round + step) % Variants.Length;
                    rates[v][round] = Measure(orders, Variants[v].Call, Variants[v].Cancelable, count, duration);
                }
            }

            var median = rates.Select(r => Measurements.Median(r)).ToArray();
            var cancelable = Ratio.Paired(rates[2], rates[1]);
            var none = Ratio.Paired(rates[4], rates[3]);
            Console.WriteLine($"| {count} | {median[0]:0.00} Mops/s | {median[1]:0.00} | {median[2]:0.00} | {cancelable} | {median[3]:0.00} | {median[4]:0.00} | {none} |");
        }

        Console.WriteLine($"Scale run: {workers.Length} of {workers.Length} worker counts reported");
        return ShieldedOperations.InFlight == 0 ? 0 : Fail($"{ShieldedOperations.InFlight} shielded calls still counted in flight after every caller finished");
    }

    static int Fail(string message)
    {
        Console.WriteLine($"FAILED: {message}");
        return 1;
    }

    /// <summary>Millions of completed calls per second over all workers.</summary>
    static double Measure(Orders orders, Func<Orders, CancellationToken, Task<int>> call, bool cancelable, int workers, TimeSpan duration)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = 0;
        var loops = new List<Task<long>>(workers);
        var sources = new List<CancellationTokenSource>(workers);
        for (var i = 0; i < workers; i++)
        {
            var source = new CancellationTokenSource();
            sources.Add(source);
            var token = cancelable ? source.Token : CancellationToken.None;
            loops.Add(Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                long calls = 0;
                while (Volatile.Read(ref stop) == 0)
                {
                    await call(orders, token).ConfigureAwait(false);
                    calls++;
                }

                return calls;
            }));
        }

        var watch = Stopwatch.StartNew();
        start.SetResult();
        Thread.Sleep(duration);
        Volatile.Write(ref stop, 1);
        var total = Task.WhenAll(loops).GetAwaiter().GetResult().Sum();
        watch.Stop();
        sources.ForEach(s => s.Dispose());
        return total / watch.Elapsed.TotalSeconds / 1e6;
    }

    /// <summary>A ratio taken round by round, so that a round where the whole machine slowed does not skew it.</summary>
    internal readonly record struct Ratio(double Median, double Lowest, double Highest)
    {
        /// <summary>Each round's <paramref name="subject"/> over that round's <paramref name="basis"/>.</summary>
        public static Ratio Paired(double[] subject, double[] basis)
        {
            var ratios = subject.Select((rate, round) => rate / basis[round]).OrderBy(r => r).ToArray();
            var middle = ratios.Length / 2;

            // An even count takes the mean of the two middle rounds: the upper one alone would favour either side.
            var median = ratios.Length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
            return new Ratio(median, ratios[0], ratios[^1]);
        }

        /// <summary><c>0.91x</c> for one round, <c>0.91x (0.85-0.97)</c> for several.</summary>
        public override string ToString() =>
            Lowest == Highest ? $"{Median:0.00}x" : $"{Median:0.00}x ({Lowest:0.00}-{Highest:0.00})";
    }
}
