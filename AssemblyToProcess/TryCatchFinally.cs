using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Shield;

namespace AssemblyToProcess
{
    public class TryCatchFinally
    {
        [Shield]
        public async Task<string> SaveAsync(Probe probe, bool fail, CancellationToken ct)
        {
            probe.Step("started");
            probe.Saw(ct);
            try
            {
                await probe.Gate(ct);
                ct.ThrowIfCancellationRequested();
                if (fail)
                {
                    throw new InvalidOperationException("write failed");
                }

                probe.Step("written");
                return "written";
            }
            catch (InvalidOperationException exception)
            {
                await Task.Yield();
                probe.Step($"caught {exception.Message}");
                return "recovered";
            }
            finally
            {
                await Task.Yield();
                probe.Step("saved");
            }
        }
    }
}
