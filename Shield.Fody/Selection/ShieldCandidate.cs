namespace Shield.Fody.Selection;

/// <summary>A method that [Shield] or an Include pattern selected, before it is validated.</summary>
/// <param name="Method">The method as the compiler wrote it.</param>
/// <param name="Operation">Its operation name.</param>
/// <param name="SelectedBy">What selected it, as the inspect tool and messages show it.</param>
/// <param name="TimeoutMilliseconds">The deadline it asked for, or zero.</param>
/// <param name="IsExplicit">True when the method carries [Shield] itself: every misuse is then reported.</param>
public sealed record ShieldCandidate(MethodDefinition Method, string Operation, string SelectedBy, int TimeoutMilliseconds, bool IsExplicit);
