using System;
using System.Threading;
using System.Threading.Tasks;
using Shield;

namespace Shield.AspNetCore.Tests.Support;

/// <summary>Shielded bodies that wait at a gate the test holds, for the work-group membership rules.</summary>
public sealed class Jobs
{
    [Shield]
    public async Task WaitAsync(Task gate, CancellationToken ct) => await gate;

    /// <summary>Waits at its gate, then makes another call (<paramref name="next"/>) and waits for it.</summary>
    [Shield]
    public async Task ThenAsync(Task gate, Func<Task> next, CancellationToken ct)
    {
        await gate;
        await next();
    }
}
