using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Ids = Shield.Fody.Diagnostics.ShieldDiagnostics.Ids;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// Removes TimeoutMilliseconds from the [Shield] that sets it, the method's own or its type's: a deadline with no token
/// to carry it (SHIELD007), or a negative one (SHIELD015).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveTimeoutCodeFix)), Shared]
public sealed class RemoveTimeoutCodeFix : ShieldCodeFix
{
    public const string EquivalenceKey = "Shield.RemoveTimeout";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Ids.TimeoutWithoutToken, Ids.NegativeTimeout);

    private protected override Task<CodeAction?> ActionForAsync(Document document, ShieldSyntax target, CancellationToken cancellationToken) =>
        Task.FromResult(target.TimeoutShield is { } shield
            ? CodeAction.Create("Remove TimeoutMilliseconds", token => AttributeEdits.RemoveTimeoutAsync(document.Project.Solution, shield, token), EquivalenceKey)
            : null);
}
