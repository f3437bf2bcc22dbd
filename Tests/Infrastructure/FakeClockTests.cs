using System;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace Tests.Infrastructure;

/// <summary>Flavour tests that run the flavour's Shield runtime on a fake clock, restored afterwards.</summary>
public abstract class FakeClockTests(Flavor flavor) : FlavorTests(flavor)
{
    TimeProvider? _original;

    protected FakeTimeProvider Clock { get; private set; } = null!;

    protected CountingTimeProvider Timers { get; private set; } = null!;

    [SetUp]
    public void UseFakeClock()
    {
        _original = Runtime.TimeProvider;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        Timers = new CountingTimeProvider(Clock);
        Runtime.TimeProvider = Timers;
    }

    [TearDown]
    public void RestoreClock() => Runtime.TimeProvider = _original!;
}
