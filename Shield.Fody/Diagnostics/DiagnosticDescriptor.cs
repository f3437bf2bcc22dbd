namespace Shield.Fody.Diagnostics;

/// <summary>One kind of problem the weaver reports: a stable ID, a severity and what to do about it.</summary>
internal sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Title);
