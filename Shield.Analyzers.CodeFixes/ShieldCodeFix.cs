using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// A fix of a Shield diagnostic: one code action for what the diagnostic is about, where it applies. Every fix's
/// edits are independent of one another, so Fix All batches them (document, project or solution).
/// </summary>
public abstract class ShieldCodeFix : CodeFixProvider
{
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            var target = await ShieldSyntax.AtAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
            if (target != null && await ActionForAsync(context.Document, target, context.CancellationToken).ConfigureAwait(false) is { } action)
            {
                context.RegisterCodeFix(action, diagnostic);
            }
        }
    }

    /// <summary>The code action for the diagnostic's declaration, or null where this fix is not offered.</summary>
    private protected abstract Task<CodeAction?> ActionForAsync(Document document, ShieldSyntax target, CancellationToken cancellationToken);
}
