using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Hooks an async method's MoveNext into the runtime without adding a field to the state machine (a field would
/// grow every call's allocation): a local remembers whether this run is the first one (the state is -1 only when
/// the kickoff starts the machine); the first run reports its suspension, and a later run reports how the body
/// ended, after the builder has set it. A body that never suspends is never reported and costs one branch.
/// </summary>
internal static class StateMachineRewriter
{
    public static void Rewrite(StateMachinePlan plan, TaskShape shape, RuntimeReferences runtime)
    {
        var body = plan.MoveNext.Body;
        var module = plan.MoveNext.Module;
        var withoutCatchHandler = SteppingInformationWithoutCatchHandler(plan.MoveNext);

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

        var completed = runtime.Completed(shape, plan.ResultType);
        foreach (var setResult in plan.SetResultCalls)
        {
            IlEditor.InsertAfter(body, setResult,
            [
                Instruction.Create(OpCodes.Ldloc, firstRun),
                Instruction.Create(OpCodes.Brtrue, setResult.Next),
                .. LoadBodyTask(plan),
                Instruction.Create(OpCodes.Call, completed),
            ]);
        }

        foreach (var site in plan.SetExceptionSites)
        {
            var exceptionType = ((MethodReference)site.Call.Operand).Parameters[0].ParameterType;
            IlEditor.InsertAfter(body, site.Call,
            [
                Instruction.Create(OpCodes.Ldloc, firstRun),
                Instruction.Create(OpCodes.Brtrue, site.Call.Next),
                .. LoadBodyTask(plan),
                Instruction.Create(OpCodes.Ldloc, site.Exception),
                Instruction.Create(OpCodes.Call, runtime.Faulted(shape, plan.ResultType, exceptionType)),
            ]);
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

    static Instruction[] LoadBodyTask(StateMachinePlan plan) =>
    [
        Instruction.Create(OpCodes.Ldarg_0),
        Instruction.Create(OpCodes.Ldflda, plan.BuilderField),
        Instruction.Create(OpCodes.Call, plan.BuilderTaskGetter),
    ];
}
