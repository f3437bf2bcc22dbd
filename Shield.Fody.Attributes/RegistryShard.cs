using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Shield
{
    /// <summary>
    /// One lock and one table of the in-flight registry. Calls are spread over the shards by their body's identity
    /// hash, so calls running on different cores rarely meet on the same lock.
    /// </summary>
    internal sealed class RegistryShard
    {
        // Keeps each shard's lock word and table reference off the cache lines of its neighbours, which were allocated
        // next to it at start-up.
#pragma warning disable CS0169, IDE0051 // Padding only.
        readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051

        /// <summary>
        /// The entries, each under its call's key: the body's task for a state machine's call, the call's own
        /// continuation for a call that ends from one (the same task may be handed to several of those).
        /// </summary>
        public readonly Dictionary<object, TrackedCall> Calls = new Dictionary<object, TrackedCall>(ReferenceComparer.Instance);

        /// <summary>
        /// The number of entries, read without the lock: the end of a call finds an empty shard without writing to it,
        /// so shards that only calls without entries map to stay shared in every core's cache.
        /// </summary>
        public int Count;

        sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
