using Microsoft.CodeAnalysis;
using Shield.Fody.Model;

namespace Shield.Analyzers;

/// <summary>
/// Names a method as the weaver does in every message, written by the weaver's own <see cref="NameFormat"/>: a local
/// function as <c>Namespace.Type.Outer.Local</c>, a lambda as <c>Namespace.Type.Outer.&lt;lambda&gt;</c>, where Outer
/// is the member the compiler names them after.
/// </summary>
static class OperationName
{
    public static string Of(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.LocalFunction => NameFormat.Member(OfEnclosingMember(method), method.Name),
        MethodKind.AnonymousFunction => NameFormat.Member(OfEnclosingMember(method), NameFormat.Lambda),
        _ => NameFormat.Member(TypePath(method.ContainingType), NameFormat.MemberName(method.MetadataName)),
    };

    /// <summary>Compiler-generated type names (<c>&lt;&gt;c</c>, file-local types) are left out, as the weaver leaves them out.</summary>
    public static string TypePath(INamedTypeSymbol type) =>
        NameFormat.TypePath(type, t => t.ContainingType, t => t.MetadataName,
            t => t.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : string.Empty);

    /// <summary>
    /// Local functions and lambdas, however deeply nested, are emitted with the name of the member that contains
    /// them; field and property initializers run in a constructor.
    /// </summary>
    static string OfEnclosingMember(IMethodSymbol function)
    {
        ISymbol member = function;
        while (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            member = member.ContainingSymbol;
        }

        return member switch
        {
            IMethodSymbol method => Of(method),
            _ => NameFormat.Member(TypePath(function.ContainingType), NameFormat.MemberName(member.IsStatic ? ".cctor" : ".ctor")),
        };
    }
}
