namespace Shield.Fody.Model;

/// <summary>A method that [Shield] or an Include pattern selected, before it is validated.</summary>
/// <param name="Method">The method as the compiler wrote it.</param>
/// <param name="Operation">Its operation name.</param>
/// <param name="SelectedBy">What selected it.</param>
/// <param name="IncludePattern">The Include pattern that selected it, when one did.</param>
/// <param name="TimeoutMilliseconds">The deadline it asked for, or zero.</param>
internal sealed record ShieldCandidate(MethodDefinition Method, string Operation, Selector SelectedBy, string? IncludePattern, int TimeoutMilliseconds)
{
    /// <summary>What selected it, as the inspect tool and messages show it.</summary>
    public string SelectedByText => SelectedBy switch
    {
        Selector.MethodAttribute => "[Shield] on the method",
        Selector.TypeAttribute => "[Shield] on the type",
        _ => $"Include pattern '{IncludePattern}'",
    };
}
