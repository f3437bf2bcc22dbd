using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    public class NoTokenParameter
    {
        [Shield]
        public async Task SaveAsync(int order)
        { // expect SHIELD006 AssemblyWithMisuses.NoTokenParameter.SaveAsync
            await Task.Delay(order);
        }

        [Shield(TimeoutMilliseconds = 500)]
        public async Task SaveWithDeadlineAsync(int order)
        { // expect SHIELD007 AssemblyWithMisuses.NoTokenParameter.SaveWithDeadlineAsync
            await Task.Delay(order);
        }
    }
}
