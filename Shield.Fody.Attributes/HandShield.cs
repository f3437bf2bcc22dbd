using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Shield
{
    /// <summary>
    /// What <see cref="ShieldedOperations.RunAsync(string, Func{CancellationToken, Task}, CancellationToken, TimeSpan?)"/>
    /// does: the same path as a woven call whose callee's state machine it cannot hook (<see cref="ShieldRuntime.Returned(Task, ShieldCallerTokens, ShieldedOperation, CancellationTokenSource, ShieldSpan)"/>),
    /// with the body's token made from the deadline and the call's span started as a woven method makes them.
    /// </summary>
    internal static class HandShield
    {
        // One description per name and deadline, made once, as woven code keeps one per method: a call allocates
        // nothing here. Operation names are meant to be a fixed set, like method names.
        static readonly ConcurrentDictionary<(string Name, int TimeoutMilliseconds), ShieldedOperation> s_operations =
            new ConcurrentDictionary<(string Name, int TimeoutMilliseconds), ShieldedOperation>();

        public static Task Run(string operation, Func<CancellationToken, Task> body, CancellationToken cancellationToken, TimeSpan? timeout)
        {
            var shielded = OperationOf(operation, body, timeout);
            var deadline = ShieldRuntime.StartDeadline(shielded);
            var caller = ShieldRuntime.CallerTokens(cancellationToken);
            var span = ShieldRuntime.StartSpan(shielded);
            return ShieldRuntime.Returned(Invoke(body, deadline, span), caller, shielded, deadline, span);
        }

        public static Task<TResult> Run<TResult>(string operation, Func<CancellationToken, Task<TResult>> body, CancellationToken cancellationToken, TimeSpan? timeout)
        {
            var shielded = OperationOf(operation, body, timeout);
            var deadline = ShieldRuntime.StartDeadline(shielded);
            var caller = ShieldRuntime.CallerTokens(cancellationToken);
            var span = ShieldRuntime.StartSpan(shielded);
            return ShieldRuntime.Returned(Invoke(body, deadline, span), caller, shielded, deadline, span);
        }

        /// <summary>
        /// Runs the body with its token; what it throws before returning a task ends the call (span, deadline) and
        /// reaches the caller unchanged.
        /// </summary>
        static TTask Invoke<TTask>(Func<CancellationToken, TTask> body, CancellationTokenSource? deadline, ShieldSpan? span)
            where TTask : Task
        {
            try
            {
                return body(ShieldRuntime.BodyToken(deadline)) ?? throw new InvalidOperationException("The body passed to ShieldedOperations.RunAsync returned null instead of a task.");
            }
            catch (Exception exception)
            {
                ShieldRuntime.Threw(exception, deadline, span);
                throw;
            }
        }

        static ShieldedOperation OperationOf(string operation, object body, TimeSpan? timeout)
        {
            if (operation is null)
            {
                throw new ArgumentNullException(nameof(operation));
            }

            if (body is null)
            {
                throw new ArgumentNullException(nameof(body));
            }

            var milliseconds = TimeoutMilliseconds(timeout);
            return s_operations.GetOrAdd((operation, milliseconds), key => new ShieldedOperation(key.Name, key.TimeoutMilliseconds));
        }

        /// <summary>Null, zero and <see cref="Timeout.InfiniteTimeSpan"/> mean no deadline, as zero does for [Shield].</summary>
        static int TimeoutMilliseconds(TimeSpan? timeout)
        {
            if (timeout is null || timeout.Value == TimeSpan.Zero || timeout.Value == Timeout.InfiniteTimeSpan)
            {
                return 0;
            }

            if (timeout.Value < TimeSpan.Zero || timeout.Value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A deadline must be positive and at most int.MaxValue milliseconds.");
            }

            return Math.Max(1, (int)timeout.Value.TotalMilliseconds);
        }
    }
}
