using System.Collections.Generic;

namespace Shield.Fody.Diagnostics;

/// <summary>
/// Every diagnostic the weaver can report. IDs are stable: they are documented in the README's Diagnostics table,
/// used by <c>NoWarn</c>, and shared with the design-time analyzer, which links this file.
/// </summary>
internal static class ShieldDiagnostics
{
    public static readonly DiagnosticDescriptor AsyncVoid = new(Ids.AsyncVoid, DiagnosticSeverity.Error, Titles.AsyncVoid);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(Ids.UnsupportedReturnType, DiagnosticSeverity.Error, Titles.UnsupportedReturnType);

    public static readonly DiagnosticDescriptor NoBody = new(Ids.NoBody, DiagnosticSeverity.Error, Titles.NoBody);

    public static readonly DiagnosticDescriptor ByRefToken = new(Ids.ByRefToken, DiagnosticSeverity.Error, Titles.ByRefToken);

    public static readonly DiagnosticDescriptor UnrecognizedIl = new(Ids.UnrecognizedIl, DiagnosticSeverity.Error, Titles.UnrecognizedIl);

    public static readonly DiagnosticDescriptor NoTokenParameter = new(Ids.NoTokenParameter, DiagnosticSeverity.Warning, Titles.NoTokenParameter);

    public static readonly DiagnosticDescriptor TimeoutWithoutToken = new(Ids.TimeoutWithoutToken, DiagnosticSeverity.Warning, Titles.TimeoutWithoutToken);

    // SHIELD008 was "runtime-async method": they are woven now, and the ID is not reused.

    public static readonly DiagnosticDescriptor TypeWithoutTargets = new(Ids.TypeWithoutTargets, DiagnosticSeverity.Warning, Titles.TypeWithoutTargets);

    public static readonly DiagnosticDescriptor InvalidConfiguration = new(Ids.InvalidConfiguration, DiagnosticSeverity.Error, Titles.InvalidConfiguration);

    public static readonly DiagnosticDescriptor PatternMatchesNothing = new(Ids.PatternMatchesNothing, DiagnosticSeverity.Warning, Titles.PatternMatchesNothing);

    public static readonly DiagnosticDescriptor NothingShielded = new(Ids.NothingShielded, DiagnosticSeverity.Warning, Titles.NothingShielded);

    public static readonly DiagnosticDescriptor CustomBuilder = new(Ids.CustomBuilder, DiagnosticSeverity.Error, Titles.CustomBuilder);

    public static readonly DiagnosticDescriptor RuntimeMissing = new(Ids.RuntimeMissing, DiagnosticSeverity.Error, Titles.RuntimeMissing);

    public static readonly DiagnosticDescriptor NegativeTimeout = new(Ids.NegativeTimeout, DiagnosticSeverity.Error, Titles.NegativeTimeout);

    public static readonly DiagnosticDescriptor InternalError = new(Ids.InternalError, DiagnosticSeverity.Error, Titles.InternalError);

    /// <summary>
    /// Reported by the design-time analyzer alone: whether a body reads request state after an await is seen in
    /// source (its control flow), not in what the weaver rewrites.
    /// </summary>
    public static readonly DiagnosticDescriptor RequestStateAfterAwait = new(Ids.RequestStateAfterAwait, DiagnosticSeverity.Warning, Titles.RequestStateAfterAwait);

    public static readonly DiagnosticDescriptor DisposalTrap = new(Ids.DisposalTrap, DiagnosticSeverity.Warning, Titles.DisposalTrap);

    public static readonly IReadOnlyList<DiagnosticDescriptor> All =
    [
        AsyncVoid, UnsupportedReturnType, NoBody, ByRefToken, UnrecognizedIl, NoTokenParameter, TimeoutWithoutToken,
        TypeWithoutTargets, InvalidConfiguration, PatternMatchesNothing, NothingShielded, CustomBuilder,
        RuntimeMissing, NegativeTimeout, InternalError, RequestStateAfterAwait, DisposalTrap,
    ];

    /// <summary>The IDs as constants: the analyzer's release tracking reads a rule's ID from its source.</summary>
    public static class Ids
    {
        public const string AsyncVoid = "SHIELD001";
        public const string UnsupportedReturnType = "SHIELD002";
        public const string NoBody = "SHIELD003";
        public const string ByRefToken = "SHIELD004";
        public const string UnrecognizedIl = "SHIELD005";
        public const string NoTokenParameter = "SHIELD006";
        public const string TimeoutWithoutToken = "SHIELD007";
        public const string TypeWithoutTargets = "SHIELD009";
        public const string InvalidConfiguration = "SHIELD010";
        public const string PatternMatchesNothing = "SHIELD011";
        public const string NothingShielded = "SHIELD012";
        public const string CustomBuilder = "SHIELD013";
        public const string RuntimeMissing = "SHIELD014";
        public const string NegativeTimeout = "SHIELD015";
        public const string InternalError = "SHIELD016";
        public const string RequestStateAfterAwait = "SHIELD017";
        public const string DisposalTrap = "SHIELD018";
    }

    public static class Titles
    {
        public const string AsyncVoid = "[Shield] on an async void method";
        public const string UnsupportedReturnType = "[Shield] on a method that does not return Task, Task<T>, ValueTask or ValueTask<T>";
        public const string NoBody = "[Shield] on a method without a body";
        public const string ByRefToken = "[Shield] on a method with a ref, out or in CancellationToken parameter";
        public const string UnrecognizedIl = "[Shield] on a method whose compiled code Shield does not recognise";
        public const string NoTokenParameter = "[Shield] on a method with no CancellationToken parameter";
        public const string TimeoutWithoutToken = "TimeoutMilliseconds on a method with no CancellationToken parameter";
        public const string TypeWithoutTargets = "[Shield] on a type with no method it can shield";
        public const string InvalidConfiguration = "Invalid <Shield /> configuration";
        public const string PatternMatchesNothing = "An Include or Exclude pattern selects no method";
        public const string NothingShielded = "<Shield /> is configured but no method was shielded";
        public const string CustomBuilder = "[Shield] on an async method with a custom method builder";
        public const string RuntimeMissing = "Shield.Fody.Attributes cannot be found";
        public const string NegativeTimeout = "TimeoutMilliseconds is negative";
        public const string InternalError = "Shield.Fody failed unexpectedly";
        public const string RequestStateAfterAwait = "A shielded method uses request state after an await";
        public const string DisposalTrap = "A shielded call uses what the calling method disposes";
    }
}
