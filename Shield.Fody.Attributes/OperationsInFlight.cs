using System;
using System.Collections.Generic;

namespace Shield
{
    /// <summary>
    /// Reads the registry per operation: the in-flight gauge (which keeps reporting 0 for an operation once its calls
    /// have drained, so an exporter does not hold on to its last value) and the shutdown listing.
    /// </summary>
    internal static class OperationsInFlight
    {
        static readonly List<ShieldedOperation> s_seen = new List<ShieldedOperation>();

        /// <summary>Remembers an operation the first time one of its calls is recorded; a plain read after that.</summary>
        public static void Note(ShieldedOperation operation)
        {
            if (operation.HasBeenTracked)
            {
                return;
            }

            lock (s_seen)
            {
                if (!operation.HasBeenTracked)
                {
                    s_seen.Add(operation);
                    operation.HasBeenTracked = true;
                }
            }
        }

        /// <summary>Counts the running calls of every operation that has had one, zero included.</summary>
        public static Dictionary<ShieldedOperation, int> CountByOperation()
        {
            var counts = new Dictionary<ShieldedOperation, int>();
            lock (s_seen)
            {
                foreach (var operation in s_seen)
                {
                    counts[operation] = 0;
                }
            }

            InFlightRegistry.ForEachRunning(ref counts, static (ref Dictionary<ShieldedOperation, int> state, in TrackedCall call) =>
            {
                state.TryGetValue(call.Operation!, out var count);
                state[call.Operation!] = count + 1;
            });
            return counts;
        }

        /// <summary>Lists the running calls, or only those of <paramref name="group"/> when one is given.</summary>
        public static InFlightOperation[] Snapshot(ShieldedWorkGroup? group = null)
        {
            var provider = ShieldedOperations.TimeProvider;
            var listing = new Listing(provider, provider.GetUtcNow(), provider.GetTimestamp(), group);
            InFlightRegistry.ForEachRunning(ref listing, static (ref Listing state, in TrackedCall call) => state.Add(in call));
            return listing.Calls.ToArray();
        }

        struct Listing
        {
            readonly TimeProvider _provider;
            readonly DateTimeOffset _now;
            readonly long _timestamp;
            readonly ShieldedWorkGroup? _group;

            public Listing(TimeProvider provider, DateTimeOffset now, long timestamp, ShieldedWorkGroup? group)
            {
                _provider = provider;
                _now = now;
                _timestamp = timestamp;
                _group = group;
                Calls = new List<InFlightOperation>();
            }

            public List<InFlightOperation> Calls { get; }

            public void Add(in TrackedCall call)
            {
                if (_group != null && !ReferenceEquals(call.Group, _group))
                {
                    return;
                }

                // A coarse start read after the listing's own timestamp can lie a hair after it.
                var elapsed = _provider.GetElapsedTime(call.StartTimestamp, _timestamp);
                if (elapsed < TimeSpan.Zero)
                {
                    elapsed = TimeSpan.Zero;
                }

                Calls.Add(new InFlightOperation(call.Operation!.Name, _now - elapsed, elapsed));
            }
        }
    }
}
