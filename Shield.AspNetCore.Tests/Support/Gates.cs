using System.Collections.Concurrent;
using System.Threading.Tasks;

namespace Shield.AspNetCore.Tests.Support;

/// <summary>Where each shielded save waits, so a test decides when it goes on: no sleeps.</summary>
public sealed class Gates
{
    readonly ConcurrentDictionary<int, TaskCompletionSource> _entered = new();
    readonly ConcurrentDictionary<int, TaskCompletionSource> _open = new();
    readonly ConcurrentDictionary<int, TaskCompletionSource> _landed = new();

    static TaskCompletionSource Of(ConcurrentDictionary<int, TaskCompletionSource> signals, int id) =>
        signals.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Called by the body: says it is waiting, and returns when the test opens its gate.</summary>
    public Task Enter(int id)
    {
        Of(_entered, id).TrySetResult();
        return Of(_open, id).Task;
    }

    public void Land(int id) => Of(_landed, id).TrySetResult();

    public Task Entered(int id) => Of(_entered, id).Task;

    public Task Landed(int id) => Of(_landed, id).Task;

    public void Open(int id) => Of(_open, id).TrySetResult();
}
