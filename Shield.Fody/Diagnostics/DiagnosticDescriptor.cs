namespace Shield.Fody.Diagnostics;

/// <summary>One kind of problem the weaver reports: a stable ID, a severity and what to do about it.</summary>
public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity Severity, string Title);
