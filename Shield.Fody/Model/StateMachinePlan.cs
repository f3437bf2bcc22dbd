namespace Shield.Fody.Model;

/// <summary>A call in MoveNext that ends the body's task with an exception, and the local holding that exception.</summary>
internal sealed record SetExceptionSite(Instruction Call, VariableDefinition Exception);

/// <summary>
/// Where the rewriter will touch an async method's state machine, found and checked before anything changes.
/// Field and method references are the ones MoveNext already uses, so they are right for generic state machines.
/// </summary>
internal sealed record StateMachinePlan(
    TypeDefinition StateMachine,
    MethodDefinition MoveNext,
    FieldReference StateField,
    FieldReference BuilderField,
    MethodReference BuilderTaskGetter,
    IReadOnlyList<Instruction> SuspensionStarts,
    IReadOnlyList<Instruction> SetResultCalls,
    IReadOnlyList<SetExceptionSite> SetExceptionSites)
{
    /// <summary>The body's result type as MoveNext sees it (a state machine's own generic parameters), or null.</summary>
    public TypeReference? ResultType =>
        BuilderField.FieldType is GenericInstanceType builder ? builder.GenericArguments[0] : null;
}
