using Shield.Fody.Analysis;
using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Hooks an async method's MoveNext into the runtime without adding a field to the state machine (a field would
/// grow every call's allocation): a local remembers whether this run is the first one (the state is -1 only when
/// the kickoff starts the machine); the first run reports its suspension, and a later run reports how the body
/// ends twice: right before the builder sets it (the call stops counting, so whoever resumes from the body's task
/// never sees it in flight) and right after (the caller's proxy gets the outcome). Around a result, a second local
/// carries what the first report returned (whether it left the call's entry on the thread) to the second, so that the
/// common end looks nothing up. A body that never suspends is never reported and costs one branch.
/// </summary>
internal static class StateMachineRewriter
{
    public static void Rewrite(StateMachinePlan plan, TaskShape shape, RuntimeReferences runtime)
    {
        var body = plan.MoveNext.Body;
        var module = plan.MoveNext.Module;
        var withoutCatchHandler = SteppingInformationWithoutCatchHandler(plan.MoveNext);
        var referenced = body.ReferencedInstructions();

        var firstRun = new VariableDefinition(module.TypeSystem.Boolean);
        body.Variables.Add(firstRun);
        IlEditor.InsertAtStart(body,
        [
            Instruction.Create(OpCodes.Ldarg_0),
            Instruction.Create(OpCodes.Ldfld, plan.StateField),
            Instruction.Create(OpCodes.Ldc_I4_M1),
            Instruction.Create(OpCodes.Ceq),
            Instruction.Create(OpCodes.Stloc, firstRun),
        ]);

        foreach (var suspension in plan.SuspensionStarts)
        {
            IlEditor.Prepend(body, suspension,
            [
                Instruction.Create(OpCodes.Ldloc, firstRun),
                Instruction.Create(OpCodes.Brfalse, suspension),
                Instruction.Create(OpCodes.Call, runtime.Suspending),
            ]);
        }

        var finishing = runtime.Finishing(shape, plan.ResultType);
        var finished = runtime.Finished(shape, plan.ResultType);
        var handedOver = new VariableDefinition(module.TypeSystem.Boolean);
        body.Variables.Add(handedOver);
        foreach (var setResult in plan.SetResultCalls)
        {
            HookAround(body, setResult, referenced, firstRun,
                [.. LoadBodyTask(plan), Instruction.Create(OpCodes.Call, finishing), Instruction.Create(OpCodes.Stloc, handedOver)],
                [.. LoadBodyTask(plan), Instruction.Create(OpCodes.Ldloc, handedOver), Instruction.Create(OpCodes.Call, finished)]);
        }

        foreach (var site in plan.SetExceptionSites)
        {
            var exceptionType = ((MethodReference)site.Call.Operand).Parameters[0].ParameterType;
            Instruction[] BodyAndException(MethodReference hook) =>
                [.. LoadBodyTask(plan), Instruction.Create(OpCodes.Ldloc, site.Exception), Instruction.Create(OpCodes.Call, hook)];

            HookAround(body, site.Call, referenced, firstRun,
                BodyAndException(runtime.Faulting(shape, plan.ResultType, exceptionType)),
                BodyAndException(runtime.Faulted(shape, plan.ResultType, exceptionType)));
        }

        IlEditor.WidenBranchesOutOfReach(body);
        if (withoutCatchHandler != null)
        {
            withoutCatchHandler.CatchHandler = new InstructionOffset(-1);
        }
    }

    /// <summary>
    /// The async stepping information in the symbols of a method whose state machine has no catch handler for the
    /// debugger (offset -1, as for every method that returns a task). Cecil's ILProcessor resolves that offset to the
    /// first instruction when it edits the body, so the woven PDB would name a catch handler: it must be put back.
    /// </summary>
    static AsyncMethodBodyDebugInformation? SteppingInformationWithoutCatchHandler(MethodDefinition moveNext) =>
        moveNext.CustomDebugInformations.OfType<AsyncMethodBodyDebugInformation>()
            .FirstOrDefault(info => !info.CatchHandler.IsEndOfMethod && info.CatchHandler.Offset < 0);

    /// <summary>
    /// Runs <paramref name="before"/> right before the builder call starts pushing its receiver (so on an empty stack)
    /// and <paramref name="after"/> right after it, each only when this run of MoveNext is not the first (the body
    /// suspended). Where the arguments are not pushed by straight-line code the first hook goes right before the call,
    /// which is still valid IL, with the arguments waiting on the stack.
    /// </summary>
    static void HookAround(MethodBody body, Instruction builderCall, HashSet<Instruction> referenced, VariableDefinition firstRun, Instruction[] before, Instruction[] after)
    {
        var start = InstructionQueries.ArgumentStart(builderCall, ((MethodReference)builderCall.Operand).Parameters.Count + 1, referenced) ?? builderCall;
        IlEditor.Prepend(body, start, IfSuspended(start, firstRun, before));
        IlEditor.InsertAfter(body, builderCall, IfSuspended(builderCall.Next, firstRun, after));
    }

    /// <summary><paramref name="hook"/>, run only when this run of MoveNext is not the first; <paramref name="next"/> follows either way.</summary>
    static Instruction[] IfSuspended(Instruction next, VariableDefinition firstRun, Instruction[] hook) =>
    [
        Instruction.Create(OpCodes.Ldloc, firstRun),
        Instruction.Create(OpCodes.Brtrue, next),
        .. hook,
    ];

    static Instruction[] LoadBodyTask(StateMachinePlan plan) =>
    [
        Instruction.Create(OpCodes.Ldarg_0),
        Instruction.Create(OpCodes.Ldflda, plan.BuilderField),
        Instruction.Create(OpCodes.Call, plan.BuilderTaskGetter),
    ];
}
