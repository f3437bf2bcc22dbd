using Microsoft.CodeAnalysis;
using Ids = Shield.Fody.Diagnostics.ShieldDiagnostics.Ids;
using Messages = Shield.Fody.Diagnostics.MisuseMessages;
using Titles = Shield.Fody.Diagnostics.ShieldDiagnostics.Titles;

namespace Shield.Analyzers;

/// <summary>
/// The weaver's diagnostics that can be seen in source, with the IDs, titles and wording of the weaver's own catalogue
/// (Shield.Fody/Diagnostics, linked as source). Each severity is written out because the release tracking reads it
/// from source; DescriptorTests checks it against the catalogue.
/// </summary>
public static class ShieldDescriptors
{
    /// <summary>Every rule links to the README's Diagnostics table, which says when each ID is reported and how to fix it.</summary>
    public const string HelpLink = "https://github.com/shield-fody/Shield.Fody#diagnostics";

    const string Category = "Usage";

    public static readonly DiagnosticDescriptor AsyncVoid = Error(Ids.AsyncVoid, Titles.AsyncVoid, Messages.AsyncVoid);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(Ids.UnsupportedReturnType, Titles.UnsupportedReturnType, Messages.UnsupportedReturnType);

    /// <summary>SHIELD002 for an async iterator, where changing the return type means rewriting the method.</summary>
    public static readonly DiagnosticDescriptor AsyncIterator = Error(Ids.UnsupportedReturnType, Titles.UnsupportedReturnType, Messages.AsyncIterator);

    public static readonly DiagnosticDescriptor NoBody = Error(Ids.NoBody, Titles.NoBody, Messages.NoBody);

    public static readonly DiagnosticDescriptor ByRefToken = Error(Ids.ByRefToken, Titles.ByRefToken, Messages.ByRefToken);

    public static readonly DiagnosticDescriptor NoTokenParameter = Warning(Ids.NoTokenParameter, Titles.NoTokenParameter, Messages.NoTokenParameter);

    public static readonly DiagnosticDescriptor TimeoutWithoutToken = Warning(Ids.TimeoutWithoutToken, Titles.TimeoutWithoutToken, Messages.TimeoutWithoutToken);

    public static readonly DiagnosticDescriptor TypeWithoutTargets = Warning(Ids.TypeWithoutTargets, Titles.TypeWithoutTargets, Messages.TypeWithoutTargets);

    public static readonly DiagnosticDescriptor CustomBuilder = Error(Ids.CustomBuilder, Titles.CustomBuilder, Messages.CustomBuilder);

    public static readonly DiagnosticDescriptor NegativeTimeout = Error(Ids.NegativeTimeout, Titles.NegativeTimeout, Messages.NegativeTimeout);

    /// <summary>Reported by the analyzer alone; <c>{1}</c>: the expression, <c>{2}</c>: its type.</summary>
    public static readonly DiagnosticDescriptor RequestStateAfterAwait = Warning(Ids.RequestStateAfterAwait, Titles.RequestStateAfterAwait,
        "{0} uses {1} ({2}) where it may run after the request has ended: after an await, or in a lambda or local function. " +
        "ASP.NET Core resets and reuses request state when the request ends. Copy the values it needs before the first await, or pass them as parameters.");

    static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink);

    static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink);
}
