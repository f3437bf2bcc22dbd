using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Tests.Infrastructure;

namespace Tests;

public class StaticMethodTests(Flavor flavor) : ShieldedShapeTests(flavor)
{
    protected override object? ExpectedResult => null;

    protected override Task Call(Probe probe, CancellationToken ct) => Woven.CallStatic<Task>("StaticMethod", "SaveAsync", probe, ct);
}
