using Microsoft.CodeAnalysis;

namespace Shield.Analyzers;

/// <summary>
/// The weaver's diagnostics that can be seen in source, with the weaver's IDs, severities, titles and wording
/// (Shield.Fody/Selection/Shieldability.cs and Shield.Fody/Diagnostics/ShieldDiagnostics.cs).
/// </summary>
public static class ShieldDescriptors
{
    /// <summary>Every rule links to the README's Diagnostics table, which says when each ID is reported and how to fix it.</summary>
    public const string HelpLink = "https://github.com/shield-fody/Shield.Fody#diagnostics";

    const string Category = "Usage";

    public static readonly DiagnosticDescriptor AsyncVoid = Error("SHIELD001",
        "[Shield] on an async void method",
        "{0} is async void, so there is no task to hand its caller. Return Task instead.");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error("SHIELD002",
        "[Shield] on a method that does not return Task, Task<T>, ValueTask or ValueTask<T>",
        "{0} returns {1}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Change the return type or remove [Shield].");

    /// <summary>SHIELD002 for an async iterator, where changing the return type means rewriting the method.</summary>
    public static readonly DiagnosticDescriptor AsyncIterator = Error("SHIELD002",
        "[Shield] on a method that does not return Task, Task<T>, ValueTask or ValueTask<T>",
        "{0} is an async iterator returning {1}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Remove [Shield].");

    public static readonly DiagnosticDescriptor NoBody = Error("SHIELD003",
        "[Shield] on a method without a body",
        "{0} has no body (it is abstract, extern or an interface member), so there is nothing to weave. Put [Shield] on the implementation instead.");

    public static readonly DiagnosticDescriptor ByRefToken = Error("SHIELD004",
        "[Shield] on a method with a ref, out or in CancellationToken parameter",
        "{0} takes CancellationToken '{1}' by reference (ref, out or in), so the body cannot be given its own token. Pass the token by value.");

    public static readonly DiagnosticDescriptor NoTokenParameter = Warning("SHIELD006",
        "[Shield] on a method with no CancellationToken parameter",
        "{0} has no CancellationToken or CancellationToken? parameter, so there is nothing to shield; the method is left as compiled. Add a token parameter or remove [Shield].");

    public static readonly DiagnosticDescriptor TimeoutWithoutToken = Warning("SHIELD007",
        "TimeoutMilliseconds on a method with no CancellationToken parameter",
        "{0} sets TimeoutMilliseconds but has no CancellationToken or CancellationToken? parameter to carry the deadline; the method is left as compiled. Add a token parameter or remove the timeout.");

    public static readonly DiagnosticDescriptor TypeWithoutTargets = Warning("SHIELD009",
        "[Shield] on a type with no method it can shield",
        "{0} carries [Shield] but declares no async method returning Task, Task<T>, ValueTask or ValueTask<T> with a CancellationToken parameter, so nothing in it is shielded. Remove [Shield] or add a token parameter.");

    public static readonly DiagnosticDescriptor CustomBuilder = Error("SHIELD013",
        "[Shield] on an async method with a custom method builder",
        "{0} is built by the custom async method builder {1}; Shield only proxies the standard builders of Task, Task<T>, ValueTask and ValueTask<T>. Remove [AsyncMethodBuilder] or [Shield].");

    public static readonly DiagnosticDescriptor NegativeTimeout = Error("SHIELD015",
        "TimeoutMilliseconds is negative",
        "{0} sets TimeoutMilliseconds = {1}; a deadline must be zero (none) or a positive number of milliseconds.");

    static DiagnosticDescriptor Error(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Error);

    static DiagnosticDescriptor Warning(string id, string title, string message) => Create(id, title, message, DiagnosticSeverity.Warning);

    static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink);
}
