using System;
using System.Threading;
using System.Threading.Tasks;
using OrderSaver;
using Shield;

Console.WriteLine("An order is saved in three steps. The caller stops waiting once the first step is stored,");
Console.WriteLine("as a web request does when its client disconnects.");

var plain = new OrderStore("without [Shield]");
await SaveAndWalkAway(plain, ct => new PlainCheckout(plain).SaveOrderAsync(1, ct));

var shielded = new OrderStore("with [Shield]");
await SaveAndWalkAway(shielded, ct => new ShieldedCheckout(shielded).SaveOrderAsync(2, ct));

// Shielded work outlives its caller: wait for it the way a host does at shutdown.
await ShieldedOperations.DrainAsync();

Console.WriteLine();
Report(plain);
Report(shielded);
return plain.Done.Count == 1 && shielded.Done.Count == 3 ? 0 : 1;

static async Task SaveAndWalkAway(OrderStore store, Func<CancellationToken, Task> save)
{
    Console.WriteLine();
    Console.WriteLine($"Saving {store.Name}:");
    using var caller = new CancellationTokenSource();
    var saving = save(caller.Token);
    await store.FirstStepDone;
    caller.Cancel();
    try
    {
        await saving;
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine("    the caller stopped waiting");
    }
}

static void Report(OrderStore store)
{
    var outcome = store.Done.Count == 3 ? "complete, nothing lost" : "DATA LOST: the order is half-saved";
    Console.WriteLine($"{store.Name,-17} {store.Done.Count} of 3 steps stored: {outcome}");
}
