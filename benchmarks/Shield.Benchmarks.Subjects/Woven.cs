using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Shield.Benchmarks.Subjects;

/// <summary>
/// Comparing a shielded subject with its unwoven twin measures nothing when the subjects were built without Fody
/// (<c>-p:DisableFody=true</c>): both would be the same code. The benchmarks and the allocation tests check first.
/// </summary>
public static class Woven
{
    /// <summary>Throws unless every [Shield] method of <paramref name="subjects"/> carries the weave's [ShieldedMethod] marker.</summary>
    public static void Require(Type subjects)
    {
        var shielded = subjects.GetMethods().Where(method => method.IsDefined(typeof(ShieldAttribute), inherit: false)).ToList();
        if (shielded.Count == 0)
        {
            throw new InvalidOperationException($"{subjects.FullName} has no [Shield] method to compare with its twin.");
        }

        var unwoven = shielded.Where(method => !method.IsDefined(typeof(ShieldedMethodAttribute), inherit: false)).Select(method => method.Name).ToList();
        if (unwoven.Count > 0)
        {
            throw new InvalidOperationException(
                $"{subjects.FullName} was not woven: {string.Join(", ", unwoven)} carry [Shield] without [ShieldedMethod]. Build it with Fody; otherwise every comparison is of identical code.");
        }
    }

    /// <summary>
    /// Throws unless the calls in <see cref="CallSites"/> are shielded: a shielded call is listed in flight while its
    /// callee waits, an unwoven one is not.
    /// </summary>
    public static void RequireShieldedCalls()
    {
        var gate = new TaskCompletionSource<bool>();
        var call = new CallSites().StoreAsync(gate.Task, CancellationToken.None);
        var operation = typeof(Orders).FullName + "." + nameof(Orders.StoreAsync);
        var listed = ShieldedOperations.GetInFlight().Any(o => o.Operation == operation);
        gate.SetResult(true);
        call.GetAwaiter().GetResult();
        if (!listed)
        {
            throw new InvalidOperationException(
                $"The calls in {typeof(CallSites).FullName} were not shielded ({operation} was not in flight). Build it with Fody and its Calls pattern; otherwise every comparison is of identical code.");
        }
    }
}
