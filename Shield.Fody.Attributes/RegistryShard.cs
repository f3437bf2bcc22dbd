using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

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

        public readonly Dictionary<Task, TrackedCall> Calls = new Dictionary<Task, TrackedCall>(ReferenceComparer.Instance);

        /// <summary>
        /// The number of entries, read without the lock: the end of a call finds an empty shard without writing to it,
        /// so shards that only calls without entries map to stay shared in every core's cache.
        /// </summary>
        public int Count;

        sealed class ReferenceComparer : IEqualityComparer<Task>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public bool Equals(Task? x, Task? y) => ReferenceEquals(x, y);

            public int GetHashCode(Task obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
