using System;
using System.Threading.Tasks;

namespace Tests.Infrastructure;

/// <summary>
/// A safety net for awaits that should complete: a broken weave fails the test with a message instead of hanging
/// the run. It is never what a test waits for; gates are.
/// </summary>
public static class Limits
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    public static async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(Generous);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        await Within((Task)task, what);
        return await task;
    }
}
