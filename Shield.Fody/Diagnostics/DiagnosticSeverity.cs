namespace Shield.Fody.Diagnostics;

internal enum DiagnosticSeverity
{
    Warning,
    Error,
}
