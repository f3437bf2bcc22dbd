using Shield.Fody.Selection;

namespace Shield.Fody.Rewriting;

/// <summary>Weaves one validated target: its operation field, its kickoff, its state machine and its marker.</summary>
public sealed class MethodShielder(RuntimeReferences runtime, OperationHolder operations)
{
    public void Shield(ShieldTarget target)
    {
        var candidate = target.Candidate;
        var operation = operations.Add(candidate.Operation, $"{target.Method.DeclaringType.Name}_{target.Method.Name}", candidate.TimeoutMilliseconds);
        KickoffRewriter.Rewrite(target, operation, runtime);
        if (target.StateMachine != null)
        {
            StateMachineRewriter.Rewrite(target.StateMachine, target.Shape, runtime);
        }

        WeaveMarkers.MarkMethod(target.Method, runtime, candidate.Operation, candidate.SelectedBy, candidate.TimeoutMilliseconds);
    }
}
