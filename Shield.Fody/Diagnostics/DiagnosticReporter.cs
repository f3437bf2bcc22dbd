namespace Shield.Fody.Diagnostics;

/// <summary>The one place diagnostics reach the build: errors always, warnings unless NoWarn names them.</summary>
internal sealed class DiagnosticReporter(Action<string, SequencePoint?> writeError, Action<string, SequencePoint?> writeWarning)
{
    public void Report(IEnumerable<Diagnostic> diagnostics, IReadOnlyCollection<string> noWarn)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.IsError)
            {
                writeError(diagnostic.Text, diagnostic.Location);
            }
            else if (!noWarn.Contains(diagnostic.Descriptor.Id))
            {
                writeWarning(diagnostic.Text, diagnostic.Location);
            }
        }
    }
}
