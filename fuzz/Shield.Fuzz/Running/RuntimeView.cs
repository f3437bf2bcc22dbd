using System.Reflection;

namespace Shield.Fuzz.Running;

/// <summary>
/// A build's own copy of <c>Shield.ShieldedOperations</c>, reached through reflection: the faults it reported
/// through <c>UnobservedFault</c>, and <c>DrainAsync</c>, which tells when it has finished with every body.
/// </summary>
public sealed class RuntimeView
{
    readonly object _lock = new();
    readonly List<Exception> _faults = [];
    readonly MethodInfo _drain;
    readonly MethodInfo _getInFlight;

    public RuntimeView(Assembly runtime)
    {
        var operations = runtime.GetType("Shield.ShieldedOperations", throwOnError: true)!;
        _drain = operations.GetMethod("DrainAsync")!;
        _getInFlight = operations.GetMethod("GetInFlight")!;
        var unobservedFault = operations.GetEvent("UnobservedFault")!;
        // Bound through contravariance: Record takes EventArgs, the build's event passes its own ShieldedFaultEventArgs.
        unobservedFault.AddEventHandler(null, Delegate.CreateDelegate(unobservedFault.EventHandlerType!, this, typeof(RuntimeView).GetMethod(nameof(Record), BindingFlags.NonPublic | BindingFlags.Instance)!));
    }

    /// <summary>Completes when the runtime has settled every shielded body it counts.</summary>
    public Task DrainAsync() => (Task)_drain.Invoke(null, [CancellationToken.None])!;

    /// <summary>How many calls <c>GetInFlight</c> lists now.</summary>
    public int InFlightListed => ((System.Collections.ICollection)_getInFlight.Invoke(null, null)!).Count;

    /// <summary>The faults reported since the last call.</summary>
    public IReadOnlyList<Exception> TakeFaults()
    {
        lock (_lock)
        {
            var faults = _faults.ToList();
            _faults.Clear();
            return faults;
        }
    }

    void Record(object? sender, EventArgs args)
    {
        var exception = (Exception)args.GetType().GetProperty("Exception")!.GetValue(args)!;
        lock (_lock)
        {
            _faults.Add(exception);
        }
    }
}
