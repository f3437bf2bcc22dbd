using Mono.Cecil.Cil;

namespace Shield.Fody.Diagnostics;

/// <summary>A problem found while weaving, reported in one place by <see cref="DiagnosticReporter"/>.</summary>
internal sealed record Diagnostic(DiagnosticDescriptor Descriptor, string Message, SequencePoint? Location)
{
    /// <summary>The text the build prints: the ID first, so that it can be searched for and suppressed.</summary>
    public string Text => $"{Descriptor.Id}: {Message}";

    public bool IsError => Descriptor.Severity == DiagnosticSeverity.Error;

    /// <summary>A diagnostic worded by one of the formats the analyzer shares (<see cref="MisuseMessages"/>).</summary>
    public static Diagnostic Misuse(DiagnosticDescriptor descriptor, SequencePoint? location, string format, params object[] arguments) =>
        new(descriptor, string.Format(System.Globalization.CultureInfo.CurrentCulture, format, arguments), location);
}
