namespace Shield.Fody.Model;

internal enum TaskKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>What a shielded method returns: one of the four task types, and its result type if any.</summary>
internal sealed record TaskShape(TaskKind Kind, TypeReference ReturnType, TypeReference? ResultType)
{
    public bool IsValueTask => Kind is TaskKind.ValueTask or TaskKind.ValueTaskOfT;

    /// <summary>Classifies a return type, or returns null when it is not one of the four task types.</summary>
    public static TaskShape? Of(TypeReference returnType)
    {
        switch (returnType)
        {
            case GenericInstanceType { ElementType.FullName: "System.Threading.Tasks.Task`1" } task:
                return new TaskShape(TaskKind.TaskOfT, returnType, task.GenericArguments[0]);
            case GenericInstanceType { ElementType.FullName: "System.Threading.Tasks.ValueTask`1" } valueTask:
                return new TaskShape(TaskKind.ValueTaskOfT, returnType, valueTask.GenericArguments[0]);
            default:
                return returnType.FullName switch
                {
                    "System.Threading.Tasks.Task" => new TaskShape(TaskKind.Task, returnType, null),
                    "System.Threading.Tasks.ValueTask" => new TaskShape(TaskKind.ValueTask, returnType, null),
                    _ => null,
                };
        }
    }
}
