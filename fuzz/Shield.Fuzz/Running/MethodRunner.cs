using Shield.Fuzz.Body;
using Shield.Fuzz.Generation;

namespace Shield.Fuzz.Running;

/// <summary>The caller's side of a run.</summary>
public enum CallerScenario
{
    /// <summary>Every token parameter gets <c>CancellationToken.None</c> (or null).</summary>
    NoToken,

    /// <summary>The caller passes a cancelable token that never fires.</summary>
    CancelableNeverCanceled,

    /// <summary>The caller passes a cancelable token and cancels it while the body waits at a chosen pause.</summary>
    CanceledAtPause,

    /// <summary>
    /// As <see cref="CanceledAtPause"/>, but canceled from a thread-pool thread as soon as the body reaches the pause,
    /// which may be before the shielded method has returned to its caller.
    /// </summary>
    CanceledAtPauseFromAnotherThread,

    /// <summary>The caller's token was canceled before the call.</summary>
    CanceledBeforeCall,

    /// <summary>The caller's token is canceled by the body's first <c>log.CancelCaller()</c>, while the body runs.</summary>
    CanceledByBody,
}

/// <summary>
/// Runs one call of a generated method and records what happened. It waits only on signals: the body's pause
/// and end signals from its <see cref="StepLog"/>, the caller's task, and the runtime's <c>DrainAsync</c>. The
/// safety limit only turns a hang into an outcome the oracle reports.
/// </summary>
public sealed class MethodRunner(TimeSpan safetyLimit)
{
    public async Task<RunOutcome> Run(LoadedBuild build, GeneratedMethod method, CallerScenario scenario, int gateAt = 0)
    {
        var gated = scenario is CallerScenario.CanceledAtPause or CallerScenario.CanceledAtPauseFromAnotherThread;
        var log = new StepLog(new PausePlan(method.SynchronousPauses, gated ? gateAt : 0));
        using var caller = scenario == CallerScenario.NoToken ? null : new CancellationTokenSource();
        if (scenario == CallerScenario.CanceledBeforeCall)
        {
            caller!.Cancel();
        }

        if (scenario == CallerScenario.CanceledByBody)
        {
            log.CancelCallerWith(caller!.Cancel);
        }

        try
        {
            // Canceling from the pause's own signal races the kickoff, which may still be tracking the body.
            var canceling = scenario == CallerScenario.CanceledAtPauseFromAnotherThread
                ? log.AtGate.ContinueWith(_ => caller!.Cancel(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)
                : null;
            return await Run(build, method, log, caller, gated, canceling);
        }
        finally
        {
            // A run that hung must not hold its body at the gate for ever.
            log.OpenGate();
        }
    }

    async Task<RunOutcome> Run(LoadedBuild build, GeneratedMethod method, StepLog log, CancellationTokenSource? caller, bool gated, Task? canceling)
    {
        var reachedGate = false;
        var canceledAtOnce = false;
        Task task;
        try
        {
            task = MethodInvoker.Call(build.Assembly, method, log, caller?.Token);
        }
#pragma warning disable CA1031 // Whatever the call throws is an outcome to compare.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var threw = $"the call itself {MethodInvoker.Threw(exception)}";
            return await Settled(build) ? new RunOutcome(threw, log.Steps, log.Pauses, Faults(build)) : Hung("the runtime to settle the body (DrainAsync)");
        }

        // A body that ends before it first suspends hands the caller its own task, which may be canceled by the
        // body's own exception: only the caller's token marks the caller's release.
        canceledAtOnce = caller?.IsCancellationRequested == true && task.IsCanceled && CanceledWith(task) == caller.Token;
        var callerTokenKept = true;
        if (gated)
        {
            if (!await Within(Task.WhenAny(log.AtGate, log.WhenEnded)))
            {
                return Hung("the body to reach its pause or to end");
            }

            if (log.AtGate.IsCompleted)
            {
                reachedGate = true;
                if (canceling is null)
                {
                    caller!.Cancel();
                }
                else if (!await Within(canceling))
                {
                    return Hung("the caller's token to be canceled");
                }

                canceledAtOnce = task.IsCanceled;
                callerTokenKept = !canceledAtOnce || CanceledWith(task) == caller!.Token;
                log.OpenGate();
            }
        }

        if (!await Within(log.WhenEnded))
        {
            return Hung("the body to end");
        }

        if (!await Within(task))
        {
            return Hung("the caller's task to complete");
        }

        if (!await Settled(build))
        {
            return Hung("the runtime to settle the body (DrainAsync)");
        }

        // Canceled by the body itself, the caller is released when the body suspends, or at once if it was already.
        canceledAtOnce |= caller?.IsCancellationRequested == true && task.IsCanceled && CanceledWith(task) == caller.Token;

        return new RunOutcome(MethodInvoker.Describe(method, task), log.Steps, log.Pauses, Faults(build), reachedGate, canceledAtOnce)
        {
            CallerTokenKept = callerTokenKept,
            StillListed = build.Kind == BuildKind.Woven ? build.Runtime.GetInFlight().Count : 0,
        };

        RunOutcome Hung(string what) => new("hung", log.Steps, log.Pauses, [], reachedGate, canceledAtOnce, what);
    }

    static CancellationToken CanceledWith(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
            return default;
        }
        catch (OperationCanceledException canceled)
        {
            return canceled.CancellationToken;
        }
    }

    /// <summary>Waits until a woven build's runtime has finished with every body (delivered or reported its end).</summary>
    async Task<bool> Settled(LoadedBuild build) => build.Kind == BuildKind.Unwoven || await Within(build.Runtime.DrainAsync());

    static IReadOnlyList<string> Faults(LoadedBuild build) =>
        build.Kind == BuildKind.Unwoven ? [] : [.. build.Faults.Take().Select(f => $"{f.Exception.GetType().FullName}: {f.Exception.Message}")];

    async Task<bool> Within(Task task)
    {
        var waited = task.WaitAsync(safetyLimit);
        await waited.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // The wait's own copy of a fault is not the harness's business: observe it, so that only faults the woven
        // code left unobserved reach TaskScheduler.UnobservedTaskException.
        _ = waited.Exception;
        return task.IsCompleted;
    }
}
