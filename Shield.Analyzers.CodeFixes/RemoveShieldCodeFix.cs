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
/// Removes the [Shield] a diagnostic is about: the method's, local function's or lambda's own (SHIELD006, SHIELD007,
/// SHIELD015), or the type's that selects nothing (SHIELD009).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveShieldCodeFix)), Shared]
public sealed class RemoveShieldCodeFix : ShieldCodeFix
{
    public const string EquivalenceKey = "Shield.RemoveShield";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Ids.NoTokenParameter, Ids.TimeoutWithoutToken, Ids.TypeWithoutTargets, Ids.NegativeTimeout);

    private protected override Task<CodeAction?> ActionForAsync(Document document, ShieldSyntax target, CancellationToken cancellationToken) =>
        Task.FromResult(target.OwnShield is { } shield
            ? CodeAction.Create("Remove [Shield]", token => AttributeEdits.RemoveAsync(document.Project.Solution, shield, token), EquivalenceKey)
            : null);
}
