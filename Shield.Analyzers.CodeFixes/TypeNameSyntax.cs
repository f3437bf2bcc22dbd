using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// A type written with its full name, then given the using directive it needs; the code action's clean-up shortens it
/// to the name alone, as a user would write it.
/// </summary>
static class TypeNameSyntax
{
    public static TypeSyntax For(string fullName) =>
        SyntaxFactory.ParseTypeName("global::" + fullName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    public static async Task<Document> WithRootAndImportsAsync(Document document, SyntaxNode root, CancellationToken cancellationToken) =>
        await ImportAdder.AddImportsAsync(document.WithSyntaxRoot(root), Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken).ConfigureAwait(false);
}
