using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ids = Shield.Fody.Diagnostics.ShieldDiagnostics.Ids;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// SHIELD006: gives a method or local function a <c>CancellationToken cancellationToken = default</c> parameter, last
/// or right before a <c>params</c> one, so callers compile unchanged. Not offered where the signature is someone
/// else's (an override, an interface implementation, a lambda) or written twice (a partial method).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddTokenParameterCodeFix)), Shared]
public sealed class AddTokenParameterCodeFix : ShieldCodeFix
{
    public const string EquivalenceKey = "Shield.AddTokenParameter";

    const string ParameterName = "cancellationToken";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Ids.NoTokenParameter);

    private protected override Task<CodeAction?> ActionForAsync(Document document, ShieldSyntax target, CancellationToken cancellationToken) =>
        Task.FromResult(
            target.OwnsItsSignature &&
            ParametersOf(target.Declaration) is { } parameters
                ? CodeAction.Create("Add a CancellationToken parameter", token => AddTokenAsync(document, target.Declaration, parameters, token), EquivalenceKey)
                : null);

    static ParameterListSyntax? ParametersOf(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.ParameterList,
        LocalFunctionStatementSyntax localFunction => localFunction.ParameterList,
        _ => null,
    };

    static async Task<Document> AddTokenAsync(Document document, SyntaxNode declaration, ParameterListSyntax parameters, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);

        var parsed = SyntaxFactory.ParseParameterList($"(System.Threading.CancellationToken {FreeName(declaration)} = default)").Parameters[0];
        var token = parsed.WithType(TypeNameSyntax.For("System.Threading.CancellationToken").WithTriviaFrom(parsed.Type!));
        var withToken = root!.ReplaceNode(parameters, parameters.WithParameters(Insert(parameters.Parameters, token)));
        return await TypeNameSyntax.WithRootAndImportsAsync(document, withToken, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Before a params parameter, else last, laid out as the list already is: the new comma is a copy of an existing
    /// one (", " or a comma and a line break), and the new parameter is indented as its neighbour.
    /// </summary>
    static SeparatedSyntaxList<ParameterSyntax> Insert(SeparatedSyntaxList<ParameterSyntax> parameters, ParameterSyntax token)
    {
        if (parameters.Count == 0)
        {
            return SyntaxFactory.SingletonSeparatedList(token);
        }

        var index = parameters.Last().Modifiers.Any(SyntaxKind.ParamsKeyword) ? parameters.Count - 1 : parameters.Count;
        var neighbour = parameters[System.Math.Min(index, parameters.Count - 1)];
        var comma = parameters.SeparatorCount > 0
            ? parameters.GetSeparator(0)
            : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var nodes = parameters.Insert(index, token.WithLeadingTrivia(neighbour.GetLeadingTrivia())).ToList();
        return SyntaxFactory.SeparatedList(nodes, Enumerable.Repeat(comma, nodes.Count - 1));
    }

    /// <summary><c>cancellationToken</c>, or with a number when the declaration already uses that name.</summary>
    static string FreeName(SyntaxNode declaration)
    {
        var used = declaration.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToImmutableHashSet();
        return Enumerable.Range(1, int.MaxValue).Select(n => n == 1 ? ParameterName : ParameterName + n).First(name => !used.Contains(name));
    }
}
