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

            // Rounds interleave the variants so that drift in the machine touches them alike.
            for (var round = 0; round < rounds; round++)
            {
                for (var v = 0; v < Variants.Length; v++)
                {
                    rates[v][round] = Measure(orders, Variants[v].Call, Variants[v].Cancelable, count, duration);
                }
            }

            var median = rates.Select(r => Measurements.Median(r)).ToArray();
            Console.WriteLine($"| {count} | {median[0]:0.00} Mops/s | {median[1]:0.00} | {median[2]:0.00} | {median[2] / median[1]:0.00}x | {median[3]:0.00} | {median[4]:0.00} | {median[4] / median[3]:0.00}x |");
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
}
