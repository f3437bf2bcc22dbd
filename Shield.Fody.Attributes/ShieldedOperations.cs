using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// Observes shielded work as a whole: faults nobody waited for, calls still in flight, and shutdown draining.
    /// </summary>
    public static class ShieldedOperations
    {
        static TimeProvider s_timeProvider = TimeProvider.System;
        static int s_tracing;

        /// <summary>
        /// Raised exactly once for each shielded call whose caller stopped waiting (its token fired) and whose body
        /// later faulted or ended canceled: that work was lost either way.
        /// </summary>
        /// <remarks>
        /// It may be raised on any thread, usually the one that ran the body's last step. A handler that throws does
        /// not disturb the body or the other handlers; its exception is written through
        /// <see cref="System.Diagnostics.Trace"/>. With no subscriber, the fault itself is written through
        /// <see cref="System.Diagnostics.Trace.TraceError(string)"/>, so it is never silent. The body's task is
        /// always observed, so <see cref="TaskScheduler.UnobservedTaskException"/> never fires for it.
        /// A fault the caller did receive raises nothing.
        /// </remarks>
        public static event EventHandler<ShieldedFaultEventArgs>? UnobservedFault;

        internal static EventHandler<ShieldedFaultEventArgs>? UnobservedFaultHandlers => UnobservedFault;

        /// <summary>
        /// The number of shielded calls whose body has started and not finished, whatever token the caller passed.
        /// A body that completes before its first suspension is never counted.
        /// </summary>
        /// <remarks>
        /// Each thread counts the calls it saw start and end, so that calls never contend on one counter; reading this sums
        /// the threads that have made or ended a shielded call, under a lock. Read it for shutdown, health checks and tests,
        /// not on a hot path.
        /// </remarks>
        public static int InFlight => InFlightRegistry.InFlight;

        /// <summary>
        /// The clock that deadlines (<see cref="ShieldAttribute.TimeoutMilliseconds"/>), in-flight start times and
        /// durations read. Replace it in tests with a fake clock; it defaults to <see cref="TimeProvider.System"/>.
        /// </summary>
        public static TimeProvider TimeProvider
        {
            get => Volatile.Read(ref s_timeProvider);
            set => Volatile.Write(ref s_timeProvider, value ?? throw new ArgumentNullException(nameof(value)));
        }

        /// <summary>
        /// Where the Activity of a shielded body sits in a trace: a child of the caller's <c>Activity.Current</c>
        /// (the default), or the root of a new trace linked to the caller's Activity. Read at each call.
        /// </summary>
        public static ShieldTracing Tracing
        {
            get => (ShieldTracing)Volatile.Read(ref s_tracing);
            set => Volatile.Write(ref s_tracing, (int)value);
        }

        /// <summary>
        /// Completes when <see cref="InFlight"/> reaches zero, counting calls that start while it waits.
        /// </summary>
        /// <param name="cancellationToken">Stops the wait (not the work).</param>
        /// <exception cref="OperationCanceledException">The token fired before the work drained.</exception>
        public static Task DrainAsync(CancellationToken cancellationToken = default) => InFlightRegistry.DrainAsync(cancellationToken);

        /// <summary>
        /// Lists the shielded calls that are running now, with their operation name and start time, for shutdown
        /// logs. Calls that completed before their first suspension are never listed.
        /// </summary>
        public static IReadOnlyList<InFlightOperation> GetInFlight() => OperationsInFlight.Snapshot();

        /// <summary>
        /// Shields work by hand, for code that is not woven: <paramref name="body"/> runs with
        /// <see cref="CancellationToken.None"/> (or the deadline's token), and the caller gets what a caller of a
        /// <c>[Shield]</c> method gets: released at once when <paramref name="cancellationToken"/> fires, the body's own
        /// task otherwise (its result, or the same exception). The call counts in <see cref="InFlight"/>,
        /// <see cref="GetInFlight"/> and <see cref="DrainAsync"/> under <paramref name="operation"/>, and a fault after
        /// the caller walked away raises <see cref="UnobservedFault"/> once.
        /// </summary>
        /// <param name="operation">The name the call is tracked and reported under; keep names to a fixed set.</param>
        /// <param name="body">The work, given the token it may honour: one that never fires, or the deadline's.</param>
        /// <param name="cancellationToken">The caller's token: it stops the wait, never the work.</param>
        /// <param name="timeout">The body's deadline (as <see cref="ShieldAttribute.TimeoutMilliseconds"/>), or null for none.</param>
        /// <returns>The body's task when it completed synchronously or the caller's token cannot fire, else a proxy.</returns>
        /// <remarks>What <paramref name="body"/> throws before it returns a task reaches the caller unchanged.</remarks>
        public static Task RunAsync(string operation, Func<CancellationToken, Task> body, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
            HandShield.Run(operation, body, cancellationToken, timeout);

        /// <inheritdoc cref="RunAsync(string, Func{CancellationToken, Task}, CancellationToken, TimeSpan?)"/>
        public static Task<TResult> RunAsync<TResult>(string operation, Func<CancellationToken, Task<TResult>> body, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
            HandShield.Run(operation, body, cancellationToken, timeout);
    }
}
