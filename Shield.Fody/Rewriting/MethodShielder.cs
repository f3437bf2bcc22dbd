using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Weaves one validated target: its operation field, its kickoff (for a runtime-async method, the method that takes
/// its place once its body is split off), its state machine and its marker.
/// </summary>
internal sealed class MethodShielder(RuntimeReferences runtime, OperationHolder operations)
{
    readonly Dictionary<MethodDefinition, MethodDefinition> _splitCallers = [];

    /// <summary>Each runtime-async body split off so far, and the method that takes its place for callers.</summary>
    public IReadOnlyDictionary<MethodDefinition, MethodDefinition> SplitCallers => _splitCallers;

    public void Shield(ShieldTarget target)
    {
        var candidate = target.Candidate;
        var operation = operations.Add(candidate.Operation, $"{target.Method.DeclaringType.Name}_{target.Method.Name}", candidate.TimeoutMilliseconds);
        if (target.Method.IsRuntimeAsync())
        {
            var caller = RuntimeAsyncSplitter.Split(target.Method, runtime.BodyMarker);
            _splitCallers.Add(target.Method, caller);
            target = target.MovedTo(caller);
        }

        KickoffRewriter.Rewrite(target, operation, runtime);
        if (target.StateMachine != null)
        {
            StateMachineRewriter.Rewrite(target.StateMachine, target.Shape, runtime);
        }

        WeaveMarkers.MarkMethod(target.Method, runtime, candidate.Operation, candidate.SelectedByText, candidate.TimeoutMilliseconds);
    }
}
