using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Shield.Analyzers;

/// <summary>
/// Names a method as the weaver does in every message: <c>Namespace.Type.Method</c>, nested types joined with
/// <c>.</c>, no generic arity, no parameters; a local function as <c>Namespace.Type.Outer.Local</c>, a lambda as
/// <c>Namespace.Type.Outer.&lt;lambda&gt;</c>, where Outer is the member the compiler names them after.
/// </summary>
static class OperationName
{
    public static string Of(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.LocalFunction => $"{OfEnclosingMember(method)}.{method.Name}",
        MethodKind.AnonymousFunction => $"{OfEnclosingMember(method)}.<lambda>",
        _ => $"{TypePath(method.ContainingType)}.{method.MetadataName.TrimStart('.')}",
    };

    /// <summary>Compiler-generated type names (<c>&lt;&gt;c</c>, file-local types) are left out, as the weaver leaves them out.</summary>
    public static string TypePath(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (var current = type; current != null; current = current.ContainingType)
        {
            if (!current.MetadataName.StartsWith("<", StringComparison.Ordinal))
            {
                names.Add(TypeNames.WithoutArity(current.MetadataName));
            }

            if (current.ContainingType is null && current.ContainingNamespace is { IsGlobalNamespace: false } ns)
            {
                names.Add(ns.ToDisplayString());
            }
        }

        names.Reverse();
        return string.Join(".", names);
    }

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
            _ => $"{TypePath(function.ContainingType)}.{(member.IsStatic ? "cctor" : "ctor")}",
        };
    }
}
