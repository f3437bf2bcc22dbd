using System;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>An exception before the first await surfaces when the caller awaits, as in unwoven code.</summary>
public class ThrowBeforeAwaitTests(Flavor flavor) : FlavorTests(flavor)
{
    Task<int> SaveAsync(Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task<int>>(Woven.Create("ThrowBeforeAwait"), "SaveAsync", probe, ct);

    [TestCase(false)]
    [TestCase(true)]
    public async Task ExceptionSurfacesWhenTheCallerAwaits(bool tokenAlreadyCanceled)
    {
        var probe = NewProbe();
        using var faults = Runtime.RecordUnobservedFaults();
        var task = SaveAsync(probe, new CancellationToken(tokenAlreadyCanceled));

        Assert.That(task.IsFaulted, Is.True, "the body finished before the call returned, so the caller gets its task");
        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => task);
        Assert.That(thrown, Is.SameAs(probe.Thrown));
        Assert.That(faults.Faults, Is.Empty, "the caller received the fault");
    }
}
