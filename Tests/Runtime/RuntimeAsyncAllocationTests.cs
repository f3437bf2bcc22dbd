using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Benchmarks.Subjects.RuntimeAsync;

namespace Tests.Runtime;

/// <summary>
/// The benchmark subjects compiled as runtime-async methods (the test host runs them: test.runsettings sets
/// DOTNET_RuntimeAsync=1). A shielded runtime-async body that completes synchronously allocates nothing, as the
/// state-machine weave: the continuation that tracks a suspended body is made only once it has suspended.
/// </summary>
[NonParallelizable]
[System.Runtime.Versioning.RequiresPreviewFeatures("The subjects are compiled with runtime-async=on, a preview feature.")]
public class RuntimeAsyncAllocationTests
{
    readonly Orders _orders = new();

    [OneTimeSetUp]
    public void SubjectsAreWoven() => Shield.Benchmarks.Subjects.Woven.Require(typeof(Orders));

    [Test]
    public void SyncBodyTokenThatCannotCancel_NoBytes() =>
        Assert.That(AllocationTests.BytesPerCall(() => _orders.ShieldedCountAsync(CancellationToken.None)), Is.Zero.And.EqualTo(AllocationTests.BytesPerCall(() => _orders.CountAsync(CancellationToken.None))));

    [Test]
    public void SyncBodyCancelableToken_NoBytes()
    {
        using var caller = new CancellationTokenSource();
        Assert.That(AllocationTests.BytesPerCall(() => _orders.ShieldedCountAsync(caller.Token)), Is.Zero.And.EqualTo(AllocationTests.BytesPerCall(() => _orders.CountAsync(caller.Token))));
    }
}
