using Shield.Fuzz.Compilation;
using Shield.Fuzz.Generation;
using Shield.Fuzz.Running;

namespace Shield.Fuzz.Oracle;

/// <summary>
/// Runs one method in the unwoven and the woven build of a flavour and says where they differ:
/// <list type="number">
/// <item>with no caller token and with a cancelable token that never fires, the woven call returns or throws the
/// same (type and message), logs the same steps, and reports no fault;</item>
/// <item>with the caller's token canceled while the body waits at a chosen pause, the caller's task is Canceled
/// right after <c>Cancel()</c>, the body still logs every step of the uncanceled unwoven run, and a body that
/// throws is reported through <c>UnobservedFault</c> exactly once, with the same exception type and message.
/// A body that ends before that pause must behave as in 1.</item>
/// </list>
/// Every other method is canceled from a thread-pool thread as soon as the body reaches the pause, racing the
/// kickoff that may still be recording the body. It also checks a caller whose token was canceled before the call: Canceled at once if the body suspends (else
/// as in 1), and the body runs on as in 2.
/// </summary>
public sealed class DifferentialOracle(MethodRunner runner)
{
    public async Task<MethodCheck> Check(GeneratedMethod method, BuildFlavor flavor, LoadedBuild unwoven, LoadedBuild woven)
    {
        var divergences = new List<Divergence>();
        void Compare(string check, RunOutcome expected, RunOutcome actual, IReadOnlyList<string> differences)
        {
            if (differences.Count > 0)
            {
                divergences.Add(new Divergence(method, flavor, check, differences, expected, actual));
            }
        }

        var reference = default(RunOutcome);
        foreach (var scenario in new[] { CallerScenario.NoToken, CallerScenario.CancelableNeverCanceled })
        {
            var expected = await runner.Run(unwoven, method, scenario);
            var actual = await runner.Run(woven, method, scenario);
            var check = scenario == CallerScenario.NoToken ? "no caller token" : "cancelable caller token, never canceled";
            Compare(check, expected, actual, SameCall(expected, actual));
            reference = expected;
        }

        // The pause is picked among those the uncanceled body reaches; a body that reaches none ends before it.
        var pause = reference!.Pauses == 0 ? 1 : 1 + method.GateChoice % reference.Pauses;
        var fromAnotherThread = method.GateChoice % 2 == 1;
        var canceled = await runner.Run(woven, method, fromAnotherThread ? CallerScenario.CanceledAtPauseFromAnotherThread : CallerScenario.CanceledAtPause, pause);
        Compare($"caller canceled at pause {pause}{(fromAnotherThread ? " from another thread" : "")}", reference, canceled,
            canceled.ReachedGate || canceled.Hang != null ? BodyOutlivedCaller(reference, canceled) : SameCall(reference, canceled));

        // Not in the issue's oracle, but promised by the README: a token canceled before the call releases the caller
        // at once when the body suspends, and the body still runs to the end.
        var early = await runner.Run(woven, method, CallerScenario.CanceledBeforeCall);
        Compare("caller canceled before the call", reference, early,
            early.CanceledAtOnce || early.Hang != null ? BodyOutlivedCaller(reference, early) : SameCall(reference, early));

        // The caller's token fires while the body runs (from a step of the body, so at a point the seed chooses):
        // the caller is released or gets the body's own outcome, and the body runs on as in case 2.
        if (method.Features.Contains(Feature.CanceledWhileRunning))
        {
            var running = await runner.Run(woven, method, CallerScenario.CanceledByBody);
            Compare("caller canceled while the body runs", reference, running,
                running.CanceledAtOnce || running.Hang != null ? BodyOutlivedCaller(reference, running) : SameCall(reference, running));
        }

        return new MethodCheck(divergences, reference.Threw, canceled.ReachedGate);
    }

    /// <summary>Case 1: the caller sees what the unwoven caller sees, and nothing is reported as lost.</summary>
    static List<string> SameCall(RunOutcome expected, RunOutcome actual)
    {
        var differences = Common(expected, actual);
        if (actual.Hang is null && actual.Result != expected.Result)
        {
            differences.Add($"the caller's task {actual.Result}; unwoven: {expected.Result}");
        }

        if (actual.Faults.Count > 0)
        {
            differences.Add($"UnobservedFault was raised for a call whose caller waited: {string.Join("; ", actual.Faults)}");
        }

        return differences;
    }

    /// <summary>Case 2: the caller is released at once, the body finishes its work, and a fault is reported once.</summary>
    static List<string> BodyOutlivedCaller(RunOutcome expected, RunOutcome actual)
    {
        var differences = Common(expected, actual);
        if (actual.ReachedGate && !actual.CanceledAtOnce)
        {
            differences.Add($"the caller's task was not Canceled right after Cancel(); it then {actual.Result}");
        }

        if (!actual.CallerTokenKept)
        {
            differences.Add("the caller's OperationCanceledException does not carry the caller's token");
        }

        if (actual.Hang is null)
        {
            IReadOnlyList<string> faults = expected.Threw ? [expected.Result["threw ".Length..]] : [];
            if (!actual.Faults.SequenceEqual(faults))
            {
                differences.Add($"UnobservedFault raised {actual.Faults.Count} time(s) ({string.Join("; ", actual.Faults)}); expected {(faults.Count == 0 ? "none" : "once: " + faults[0])}");
            }
        }

        return differences;
    }

    static List<string> Common(RunOutcome expected, RunOutcome actual)
    {
        var differences = new List<string>();
        if (expected.Hang != null)
        {
            differences.Add($"the unwoven run hung waiting for {expected.Hang} (a harness or generator problem)");
        }

        if (actual.Hang != null)
        {
            differences.Add($"hung waiting for {actual.Hang}");
        }

        if (actual.StillListed > 0)
        {
            differences.Add($"GetInFlight still lists {actual.StillListed} call(s) after the runtime drained");
        }

        if (!actual.Steps.SequenceEqual(expected.Steps))
        {
            differences.Add($"the step log differs from the unwoven one from step {FirstDifference(expected.Steps, actual.Steps) + 1} on");
        }

        return differences;
    }

    static int FirstDifference(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i])
        {
            i++;
        }

        return i;
    }
}
