using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public abstract class NoBody
    {
        [Shield]
        public abstract Task SaveAsync(CancellationToken ct); // expect SHIELD003 AssemblyWithMisuses.NoBody.SaveAsync without a location

        [Shield]
        [System.Runtime.InteropServices.DllImport("libc")]
        public static extern int Extern(CancellationToken ct); // expect SHIELD003 AssemblyWithMisuses.NoBody.Extern without a location
    }

    public interface INoBody
    {
        [Shield]
        Task SaveAsync(CancellationToken ct); // expect SHIELD003 AssemblyWithMisuses.INoBody.SaveAsync without a location

        // A default interface method has a body: an ordinary method.
        [Shield]
        async Task DefaultAsync(CancellationToken ct)
        {
            await Task.Delay(1, ct);
        }
    }
}
