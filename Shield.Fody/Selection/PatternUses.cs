using Shield.Fody.Configuration;
using Shield.Fody.Diagnostics;

namespace Shield.Fody.Selection;

/// <summary>
/// How often each Include, Exclude and Calls pattern selected or excluded something, counted by the method and call
/// site finders together: an Exclude pattern may only ever apply to call sites.
/// </summary>
internal sealed class PatternUses(ShieldConfiguration configuration)
{
    readonly Dictionary<WildcardPattern, int> _uses =
        configuration.Include.Concat(configuration.Exclude).Concat(configuration.Calls).ToDictionary(p => p, _ => 0);

    public void Count(WildcardPattern? pattern)
    {
        if (pattern != null)
        {
            _uses[pattern]++;
        }
    }

    /// <summary>SHIELD011 for each pattern that nothing used.</summary>
    public void ReportUnused(string assemblyName, ICollection<Diagnostic> diagnostics)
    {
        foreach (var pair in _uses.Where(pair => pair.Value == 0))
        {
            diagnostics.Add(configuration.Calls.Contains(pair.Key)
                ? new(ShieldDiagnostics.PatternMatchesNothing,
                    $"FodyWeavers.xml: the Calls pattern '{pair.Key}' matches no call in {assemblyName} to a method returning Task, Task<T>, ValueTask or ValueTask<T> with a CancellationToken parameter. Calls patterns match Namespace.Type.Method of the method called or of the receiver's type, where * matches any run of characters.",
                    null)
                : new(ShieldDiagnostics.PatternMatchesNothing,
                    $"FodyWeavers.xml: the {(configuration.Include.Contains(pair.Key) ? "Include" : "Exclude")} pattern '{pair.Key}' selects no method in {assemblyName}. Patterns match Namespace.Type.Method, where * matches any run of characters.",
                    null));
        }
    }
}
