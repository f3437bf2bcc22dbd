using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using NUnit.Framework;
using Shield.Testing;

namespace Tests.Infrastructure;

/// <summary>
/// The watch that the behaviour tests and the fuzzer's campaigns rely on to prove no fault went unobserved does see
/// one.
/// </summary>
public class UnobservedTaskWatchTests
{
    [Test]
    public void SeesAFaultedTaskThatNobodyObserved()
    {
        using var watch = new UnobservedTaskWatch();
        var exception = FaultAndForget();
        Assert.That(watch.Collect().Count(reported => ReferenceEquals(reported, exception)), Is.EqualTo(1));
    }

    [Test]
    public void ReportsAFaultNobodyLookedAtOnlyOnce()
    {
        using var watch = new UnobservedTaskWatch();
        watch.Collect();

        LeaveAFaultedTaskBehind();

        Assert.That(watch.Collect(), Has.Some.Property(nameof(Exception.Message)).EqualTo("nobody looked"));
        Assert.That(watch.Collect(), Has.None.Property(nameof(Exception.Message)).EqualTo("nobody looked"), "each report is returned once");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static Exception FaultAndForget()
    {
        var exception = new InvalidOperationException("nobody looks at this");
        var source = new TaskCompletionSource();
        source.SetException(exception);
        return exception;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void LeaveAFaultedTaskBehind() => _ = Task.FromException(new InvalidOperationException("nobody looked"));
}
