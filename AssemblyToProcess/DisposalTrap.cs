using System.Threading;
using System.Threading.Tasks;
using Fixtures.Library;

namespace AssemblyToProcess
{
    /// <summary>
    /// Calls of Command.ExecuteAsync, which the fixtures' own Calls patterns do not name: CallSiteDiagnosticsTests
    /// weaves them with a pattern that does, and expects SHIELD018 where the caller disposes the command afterwards.
    /// </summary>
    public class DisposalTrap
    {
        public async Task<int> ExecuteUnderUsingAsync(CancellationToken ct)
        {
            using var command = new Command();
            return await command.ExecuteAsync(ct).ConfigureAwait(false); // expect SHIELD018
        }

        public Task<int> ExecuteWithoutDisposing(CancellationToken ct)
        {
            var command = new Command();
            return command.ExecuteAsync(ct);
        }
    }
}
