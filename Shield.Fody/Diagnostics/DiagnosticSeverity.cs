namespace Shield.Fody.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
