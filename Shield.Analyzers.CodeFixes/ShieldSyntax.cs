using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Shield.Analyzers.CodeFixes;

/// <summary>
/// What a Shield diagnostic is about, found from its location as the analyzer reports it: a method, accessor or
/// local function by its name, a lambda or a type by its [Shield].
/// </summary>
sealed record ShieldSyntax(SyntaxNode Declaration, ISymbol Symbol)
{
    public static async Task<ShieldSyntax?> AtAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var node = root.FindNode(span);
        var declaration = node is AttributeSyntax { Parent.Parent: { } owner } ? owner : node;
        var symbol = declaration is AnonymousFunctionExpressionSyntax lambda
            ? model.GetSymbolInfo(lambda, cancellationToken).Symbol
            : model.GetDeclaredSymbol(declaration, cancellationToken);
        return symbol is null ? null : new ShieldSyntax(declaration, symbol);
    }

    /// <summary>The method's own [Shield], on either part of a partial method.</summary>
    public AttributeData? OwnShield =>
        Symbol is IMethodSymbol { PartialDefinitionPart: { } definition } implementation
            ? definition.GetShieldAttribute() ?? implementation.GetShieldAttribute()
            : Symbol.GetShieldAttribute();

    /// <summary>The [Shield] whose TimeoutMilliseconds applies: the method's own if it sets one, else its type's.</summary>
    public AttributeData? TimeoutShield =>
        OwnShield.TimeoutMilliseconds() != null ? OwnShield :
        Symbol.ContainingType.GetShieldAttribute() is { } typeShield && typeShield.TimeoutMilliseconds() != null ? typeShield : null;

    /// <summary>
    /// A method whose signature is its own to change: not an override or an interface implementation (a base's), nor a
    /// partial method (written twice).
    /// </summary>
    public bool OwnsItsSignature =>
        Symbol is IMethodSymbol { PartialDefinitionPart: null, PartialImplementationPart: null, IsOverride: false } method &&
        method.ExplicitInterfaceImplementations.IsEmpty &&
        !method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers()).Any(member =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method));
}
