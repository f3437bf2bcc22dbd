using System.Linq;
using Microsoft.CodeAnalysis;
using Shield.Fody.Contract;

namespace Shield.Analyzers;

/// <summary>
/// Questions about symbols, answered the way the weaver answers them about compiled code: types are recognised by
/// their full metadata names, so the analyzer needs no reference to the assemblies that define them.
/// </summary>
static class SymbolQueries
{
    public static AttributeData? GetShieldAttribute(this ISymbol symbol) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.IsNamed(WeaveContract.Namespace, WeaveContract.ShieldAttribute.Name) == true);

    /// <summary>The TimeoutMilliseconds the attribute sets, or null when it sets none.</summary>
    public static int? TimeoutMilliseconds(this AttributeData? attribute) =>
        attribute?.NamedArguments.Where(a => a.Key == WeaveContract.ShieldAttribute.TimeoutMilliseconds).Select(a => a.Value.Value as int?).FirstOrDefault();

    /// <summary>
    /// The part of a partial method that the compiler emits with its body, or the method itself. A partial method
    /// declared without an implementation is not emitted at all: null.
    /// </summary>
    public static IMethodSymbol? EmittedPart(this IMethodSymbol method) =>
        method.IsPartialDefinition ? method.PartialImplementationPart : method;

    public static bool IsTokenType(this ITypeSymbol type) =>
        type.IsNamed("System.Threading", "CancellationToken") ||
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].IsNamed("System.Threading", "CancellationToken");

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;: what the weaver can proxy.</summary>
    public static bool IsTaskType(this ITypeSymbol type) =>
        type.IsNamed("System.Threading.Tasks", "Task") || type.IsNamed("System.Threading.Tasks", "Task`1") ||
        type.IsNamed("System.Threading.Tasks", "ValueTask") || type.IsNamed("System.Threading.Tasks", "ValueTask`1");

    /// <summary>What an async iterator returns.</summary>
    public static bool IsAsyncIteratorType(this ITypeSymbol type) =>
        type.IsNamed("System.Collections.Generic", "IAsyncEnumerable`1") || type.IsNamed("System.Collections.Generic", "IAsyncEnumerator`1");

    public static bool HasTokenParameter(this IMethodSymbol method) => method.Parameters.Any(p => p.Type.IsTokenType());

    /// <summary>A top-level type, or a type nested in none, with this namespace and metadata name (<c>Task`1</c>).</summary>
    public static bool IsNamed(this ITypeSymbol type, string containingNamespace, string metadataName) =>
        type.MetadataName == metadataName && type.ContainingType is null &&
        type.ContainingNamespace?.ToDisplayString() == containingNamespace;
}
