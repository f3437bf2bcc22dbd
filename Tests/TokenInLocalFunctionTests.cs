using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Tests.Infrastructure;

namespace Tests;

public class TokenInLocalFunctionTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 2;

    protected override Task Call(Probe probe, CancellationToken ct) => WovenFlavor.Call<Task<int>>(Woven.Create("TokenInLocalFunction"), "SaveAsync", probe, ct);
}
