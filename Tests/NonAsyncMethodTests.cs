using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Tests.Infrastructure;

namespace Tests;

public class NonAsyncMethodTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 13;

    protected override Task Call(Probe probe, CancellationToken ct) => WovenFlavor.Call<Task<int>>(Woven.Create("NonAsyncMethod"), "SaveAsync", probe, ct);
}
