using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests;

/// <summary>Proves the watch the behaviour tests rely on does see a fault nobody observed.</summary>
public class UnobservedTaskExceptionWatchTests
{
    [Test]
    public void SeesAFaultedTaskThatNobodyObserved()
    {
        using var watch = new UnobservedTaskExceptionWatch();
        var exception = FaultAndForget();
        Assert.That(watch.CollectAndCount(exception), Is.EqualTo(1));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static Exception FaultAndForget()
    {
        var exception = new InvalidOperationException("nobody looks at this");
        var source = new TaskCompletionSource();
        source.SetException(exception);
        return exception;
    }
}
