using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using Ids = Shield.Fody.Diagnostics.ShieldDiagnostics.Ids;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// SHIELD001: an async void method or local function returns Task instead. Not offered where the void is someone
/// else's: a method used as a delegate (an event handler), an override, an interface implementation, a lambda (its
/// delegate type decides), a partial method (two declarations).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReturnTaskCodeFix)), Shared]
public sealed class ReturnTaskCodeFix : ShieldCodeFix
{
    public const string EquivalenceKey = "Shield.ReturnTask";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Ids.AsyncVoid);

    private protected override async Task<CodeAction?> ActionForAsync(Document document, ShieldSyntax target, CancellationToken cancellationToken) =>
        target is { Symbol: IMethodSymbol method, OwnsItsSignature: true } &&
        ReturnTypeOf(target.Declaration) is { } returnType &&
        !await IsUsedAsDelegateAsync(method, document.Project.Solution, cancellationToken).ConfigureAwait(false)
            ? CodeAction.Create("Return Task", token => ReturnTaskAsync(document, returnType, token), EquivalenceKey)
            : null;

    static TypeSyntax? ReturnTypeOf(SyntaxNode declaration) => declaration switch
    {
        MethodDeclarationSyntax method => method.ReturnType,
        LocalFunctionStatementSyntax localFunction => localFunction.ReturnType,
        _ => null,
    };

    /// <summary>Anything but a call (<c>Fire(...)</c>, <c>x.Fire(...)</c>, <c>x?.Fire(...)</c>) makes a delegate of the method.</summary>
    static async Task<bool> IsUsedAsDelegateAsync(IMethodSymbol method, Solution solution, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false);
        foreach (var location in references.SelectMany(reference => reference.Locations))
        {
            var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var name = root!.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
            var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name || name.Parent is MemberBindingExpressionSyntax
                ? name.Parent
                : name;
            if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee)
            {
                return true;
            }
        }

        return false;
    }

    static async Task<Document> ReturnTaskAsync(Document document, TypeSyntax returnType, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var task = TypeNameSyntax.For("System.Threading.Tasks.Task").WithTriviaFrom(returnType);
        return await TypeNameSyntax.WithRootAndImportsAsync(document, root!.ReplaceNode(returnType, task), cancellationToken).ConfigureAwait(false);
    }
}
