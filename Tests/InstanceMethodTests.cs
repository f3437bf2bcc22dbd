using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Tests.Infrastructure;

namespace Tests;

public class InstanceMethodTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => 42;

    protected override Task Call(Probe probe, CancellationToken ct) => WovenFlavor.Call<Task<int>>(Woven.Create("InstanceMethod"), "SaveAsync", probe, ct);
}
