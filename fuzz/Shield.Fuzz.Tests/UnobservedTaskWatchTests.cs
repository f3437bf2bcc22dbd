using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Fuzz.Running;

namespace Shield.Fuzz.Tests;

/// <summary>The campaign's check that woven code leaves no task exception unobserved can see one.</summary>
public class UnobservedTaskWatchTests
{
    [Test]
    public void ReportsAFaultNobodyLookedAt()
    {
        using var watch = new UnobservedTaskWatch();
        watch.Collect();

        LeaveAFaultedTaskBehind();

        Assert.That(watch.Collect(), Has.Some.Property(nameof(Exception.Message)).EqualTo("nobody looked"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void LeaveAFaultedTaskBehind() => _ = Task.FromException(new InvalidOperationException("nobody looked"));
}
