using System.Threading.Tasks;
using Shield;

namespace AssemblyWithMisuses
{
    [Shield]
    public class TypeWithoutTargets
    {
        public async Task SaveAsync()
        { // expect SHIELD009 AssemblyWithMisuses.TypeWithoutTargets
            await Task.Yield();
        }
    }
}
