using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shield.Fody.Contract;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// Edits of a [Shield] that keep the code around it as it was: comments and indentation before the attribute stay
/// with the declaration. The attribute may be in another document than the diagnostic (a partial type's).
/// </summary>
static class AttributeEdits
{
    public static async Task<Solution> RemoveAsync(Solution solution, AttributeData shield, CancellationToken cancellationToken)
    {
        if (await SyntaxOf(shield, cancellationToken).ConfigureAwait(false) is not { Parent: AttributeListSyntax list } attribute)
        {
            return solution;
        }

        if (list.Attributes.Count > 1)
        {
            return await ReplaceAsync(solution, list, list.RemoveNode(attribute, SyntaxRemoveOptions.KeepNoTrivia)!, cancellationToken).ConfigureAwait(false);
        }

        var owner = list.Parent!;
        var withoutList = owner.RemoveNode(list, SyntaxRemoveOptions.KeepNoTrivia)!;
        if (owner.GetFirstToken() == list.GetFirstToken())
        {
            // The list led the declaration: its leading trivia (comments, indentation) now leads what follows it.
            withoutList = withoutList.WithLeadingTrivia(list.GetLeadingTrivia());
        }

        return await ReplaceAsync(solution, owner, withoutList, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<Solution> RemoveTimeoutAsync(Solution solution, AttributeData shield, CancellationToken cancellationToken)
    {
        if (await SyntaxOf(shield, cancellationToken).ConfigureAwait(false) is not { ArgumentList: { } arguments } attribute ||
            arguments.Arguments.FirstOrDefault(IsTimeout) is not { } timeout)
        {
            return solution;
        }

        var edited = arguments.Arguments.Count == 1
            ? attribute.WithArgumentList(null).WithTrailingTrivia(arguments.GetTrailingTrivia())
            : attribute.RemoveNode(timeout, SyntaxRemoveOptions.KeepNoTrivia)!;
        return await ReplaceAsync(solution, attribute, edited, cancellationToken).ConfigureAwait(false);
    }

    static bool IsTimeout(AttributeArgumentSyntax argument) =>
        argument.NameEquals?.Name.Identifier.ValueText == WeaveContract.ShieldAttribute.TimeoutMilliseconds;

    static async Task<AttributeSyntax?> SyntaxOf(AttributeData shield, CancellationToken cancellationToken) =>
        shield.ApplicationSyntaxReference is { } reference
            ? await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false) as AttributeSyntax
            : null;

    static async Task<Solution> ReplaceAsync(Solution solution, SyntaxNode old, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        var document = solution.GetDocument(old.SyntaxTree);
        if (document is null)
        {
            return solution;
        }

        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return solution.WithDocumentSyntaxRoot(document.Id, root!.ReplaceNode(old, replacement));
    }
}
