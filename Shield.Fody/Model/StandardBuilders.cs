namespace Shield.Fody.Model;

/// <summary>
/// The async method builders the C# and VB compilers put in a state machine for the four task types: Shield proxies
/// what these build, and nothing an <c>[AsyncMethodBuilder]</c> substitutes.
/// </summary>
internal static class StandardBuilders
{
    static readonly Dictionary<string, TaskKind> Kinds = new()
    {
        ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder"] = TaskKind.Task,
        ["System.Runtime.CompilerServices.AsyncTaskMethodBuilder`1"] = TaskKind.TaskOfT,
        ["System.Runtime.CompilerServices.AsyncValueTaskMethodBuilder"] = TaskKind.ValueTask,
        ["System.Runtime.CompilerServices.AsyncValueTaskMethodBuilder`1"] = TaskKind.ValueTaskOfT,
    };

    /// <summary>What a standard builder builds, or null for any other builder.</summary>
    public static TaskKind? KindOf(TypeReference builder) =>
        Kinds.TryGetValue(builder.GetElementType().FullName, out var kind) ? kind : null;
}
