using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class GenericMethodInGenericType<TItem>
    {
        [Shield]
        public async Task<KeyValuePair<TItem, TKey>> SaveAsync<TKey>(Probe probe, TItem item, TKey key, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            await probe.Gate(ct);
            ct.ThrowIfCancellationRequested();
            probe.Step("saved");
            return new KeyValuePair<TItem, TKey>(item, key);
        }
    }
}
