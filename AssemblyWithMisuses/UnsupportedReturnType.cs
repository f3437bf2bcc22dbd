using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class UnsupportedReturnType
    {
        [Shield]
        public int Count(CancellationToken ct)
        { // expect SHIELD002 AssemblyWithMisuses.UnsupportedReturnType.Count
            return ct.CanBeCanceled ? 1 : 0;
        }

        [Shield]
        public async IAsyncEnumerable<int> StreamAsync([EnumeratorCancellation] CancellationToken ct)
        { // expect SHIELD002 AssemblyWithMisuses.UnsupportedReturnType.StreamAsync
            await Task.Delay(1, ct);
            yield return 1;
        }

        [Shield]
        public async TaskLike CustomAsync(CancellationToken ct)
        { // expect SHIELD002 AssemblyWithMisuses.UnsupportedReturnType.CustomAsync
            await Task.Delay(1, ct);
        }
    }
}
