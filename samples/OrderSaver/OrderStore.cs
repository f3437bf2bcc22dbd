using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace OrderSaver;

/// <summary>A pretend database: each step takes a little I/O time and honours the token it is given.</summary>
public sealed class OrderStore(string name)
{
    readonly List<string> _done = [];
    readonly TaskCompletionSource _firstStepDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    /// <summary>Completes when the first step of a save is stored: the moment this sample's caller gives up.</summary>
    public Task FirstStepDone => _firstStepDone.Task;

    public IReadOnlyList<string> Done => _done;

    public async Task StepAsync(string step, CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine($"    {step,-16} canceled");
            throw;
        }

        lock (_done)
        {
            _done.Add(step);
        }

        Console.WriteLine($"    {step,-16} stored");
        _firstStepDone.TrySetResult();
    }
}
