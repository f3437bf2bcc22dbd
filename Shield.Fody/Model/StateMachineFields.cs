namespace Shield.Fody.Model;

/// <summary>
/// Finds a state machine's state and builder fields by what the kickoff does with them, not by name: C# calls them
/// <c>&lt;&gt;1__state</c> and <c>&lt;&gt;t__builder</c>, VB <c>$State</c> and <c>$Builder</c>. Every kickoff sets the
/// state to -1 and calls <c>Start</c> on the builder with the state machine.
/// </summary>
internal static class StateMachineFields
{
    /// <summary>The builder's <c>Start&lt;TStateMachine&gt;</c> call in the kickoff, or null.</summary>
    public static GenericInstanceMethod? StartCall(MethodDefinition kickoff, TypeDefinition stateMachine) =>
        kickoff.Body.Instructions
            .Where(i => i.OpCode.Code == Code.Call)
            .Select(i => i.Operand as GenericInstanceMethod)
            .FirstOrDefault(start => start is { Name: "Start", GenericArguments.Count: 1 } &&
                start.GenericArguments[0].GetElementType().Resolve() == stateMachine);

    /// <summary>The field holding the builder the kickoff starts the state machine with, or null.</summary>
    public static FieldDefinition? Builder(MethodDefinition kickoff, TypeDefinition stateMachine) =>
        StartCall(kickoff, stateMachine) is { } start
            ? stateMachine.Fields.FirstOrDefault(f => f.FieldType.GetElementType().FullName == start.DeclaringType.GetElementType().FullName)
            : null;

    /// <summary>The int field the kickoff sets to -1 before it starts the state machine, or null.</summary>
    public static FieldDefinition? State(MethodDefinition kickoff, TypeDefinition stateMachine) =>
        kickoff.Body.Instructions
            .Where(i => i.OpCode.Code == Code.Stfld && i.Previous?.OpCode.Code == Code.Ldc_I4_M1)
            .Select(i => ((FieldReference)i.Operand).Resolve())
            .FirstOrDefault(f => f?.DeclaringType == stateMachine && f.FieldType.MetadataType == MetadataType.Int32);
}
