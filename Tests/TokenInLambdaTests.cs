using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Tests.Infrastructure;

namespace Tests;

public class TokenInLambdaTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 1;

    protected override Task Call(Probe probe, CancellationToken ct) => WovenFlavor.Call<Task<int>>(Woven.Create("TokenInLambda"), "SaveAsync", probe, ct);
}
