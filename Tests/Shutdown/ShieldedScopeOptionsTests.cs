using System;
using System.Threading;
using NUnit.Framework;
using Shield.Hosting;

namespace Tests.Shutdown;

/// <summary>
/// ShieldedScopeOptions.KeepAliveLimit becomes a timer's period when a kept scope waits for its work: a value no timer
/// takes is rejected where it is set, not when a scope is disposed later (where it left the scope undisposed).
/// </summary>
public class ShieldedScopeOptionsTests
{
    static readonly TimeSpan[] Taken =
    [
        TimeSpan.Zero,
        TimeSpan.FromMilliseconds(1),
        TimeSpan.FromDays(49),
        Timeout.InfiniteTimeSpan,
    ];

    static readonly TimeSpan[] Rejected =
    [
        TimeSpan.FromMilliseconds(-2),
        TimeSpan.FromDays(60),
        TimeSpan.MaxValue,
    ];

    [TestCaseSource(nameof(Taken))]
    public void AKeepAliveLimitATimerTakesIsKept(TimeSpan limit) =>
        Assert.That(new ShieldedScopeOptions { KeepAliveLimit = limit }.KeepAliveLimit, Is.EqualTo(limit));

    [TestCaseSource(nameof(Rejected))]
    public void AKeepAliveLimitNoTimerTakesIsRejectedWhereItIsSet(TimeSpan limit)
    {
        var options = new ShieldedScopeOptions();
        var rejected = Assert.Throws<ArgumentOutOfRangeException>(() => options.KeepAliveLimit = limit);
        Assert.That(rejected!.Message, Does.Contain("Timeout.InfiniteTimeSpan"));
        Assert.That(options.KeepAliveLimit, Is.EqualTo(ShieldedScopeOptions.DefaultKeepAliveLimit), "the limit stays as it was");
    }
}
