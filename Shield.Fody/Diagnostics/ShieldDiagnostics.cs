namespace Shield.Fody.Diagnostics;

/// <summary>
/// Every diagnostic the weaver can report. IDs are stable: they are documented in the README's Diagnostics table,
/// used by <c>NoWarn</c>, and shared with the design-time analyzer.
/// </summary>
internal static class ShieldDiagnostics
{
    public static readonly DiagnosticDescriptor AsyncVoid = new("SHIELD001", DiagnosticSeverity.Error,
        "[Shield] on an async void method");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new("SHIELD002", DiagnosticSeverity.Error,
        "[Shield] on a method that does not return Task, Task<T>, ValueTask or ValueTask<T>");

    public static readonly DiagnosticDescriptor NoBody = new("SHIELD003", DiagnosticSeverity.Error,
        "[Shield] on a method without a body");

    public static readonly DiagnosticDescriptor ByRefToken = new("SHIELD004", DiagnosticSeverity.Error,
        "[Shield] on a method with a ref, out or in CancellationToken parameter");

    public static readonly DiagnosticDescriptor UnrecognizedIl = new("SHIELD005", DiagnosticSeverity.Error,
        "[Shield] on a method whose compiled code Shield does not recognise");

    public static readonly DiagnosticDescriptor NoTokenParameter = new("SHIELD006", DiagnosticSeverity.Warning,
        "[Shield] on a method with no CancellationToken parameter");

    public static readonly DiagnosticDescriptor TimeoutWithoutToken = new("SHIELD007", DiagnosticSeverity.Warning,
        "TimeoutMilliseconds on a method with no CancellationToken parameter");

    // SHIELD008 was "runtime-async method": they are woven now, and the ID is not reused.

    public static readonly DiagnosticDescriptor TypeWithoutTargets = new("SHIELD009", DiagnosticSeverity.Warning,
        "[Shield] on a type with no method it can shield");

    public static readonly DiagnosticDescriptor InvalidConfiguration = new("SHIELD010", DiagnosticSeverity.Error,
        "Invalid <Shield /> configuration");

    public static readonly DiagnosticDescriptor PatternMatchesNothing = new("SHIELD011", DiagnosticSeverity.Warning,
        "An Include or Exclude pattern selects no method");

    public static readonly DiagnosticDescriptor NothingShielded = new("SHIELD012", DiagnosticSeverity.Warning,
        "<Shield /> is configured but no method was shielded");

    public static readonly DiagnosticDescriptor CustomBuilder = new("SHIELD013", DiagnosticSeverity.Error,
        "[Shield] on an async method with a custom method builder");

    public static readonly DiagnosticDescriptor RuntimeMissing = new("SHIELD014", DiagnosticSeverity.Error,
        "Shield.Fody.Attributes cannot be found");

    public static readonly DiagnosticDescriptor NegativeTimeout = new("SHIELD015", DiagnosticSeverity.Error,
        "TimeoutMilliseconds is negative");

    public static readonly DiagnosticDescriptor InternalError = new("SHIELD016", DiagnosticSeverity.Error,
        "Shield.Fody failed unexpectedly");

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        AsyncVoid, UnsupportedReturnType, NoBody, ByRefToken, UnrecognizedIl, NoTokenParameter, TimeoutWithoutToken,
        TypeWithoutTargets, InvalidConfiguration, PatternMatchesNothing, NothingShielded, CustomBuilder,
        RuntimeMissing, NegativeTimeout, InternalError,
    ];
}
