using System.Linq;
using Microsoft.CodeAnalysis;

namespace Shield.Analyzers;

/// <summary>
/// The weaver's rules (Shield.Fody/Selection/Shieldability.cs), checked on source symbols in the weaver's order, so a
/// method gets the one diagnostic the build would give it; WeaverParityTests compares the two. What depends on how a
/// method is emitted (SHIELD005) is left to the weaver; a ref, out or in parameter on an async method is already a
/// compiler error.
/// </summary>
static class Shieldability
{
    static readonly string[] StandardBuilders =
    [
        "AsyncTaskMethodBuilder", "AsyncTaskMethodBuilder`1", "AsyncValueTaskMethodBuilder", "AsyncValueTaskMethodBuilder`1",
    ];

    /// <summary>Returns what stops the method from being shielded, or null when nothing does.</summary>
    /// <param name="method">The method as it is emitted (for a partial method, its implementation).</param>
    /// <param name="location">Where the diagnostic is shown.</param>
    public static Diagnostic? Check(IMethodSymbol method, int timeoutMilliseconds, Location location)
    {
        var operation = OperationName.Of(method);
        Diagnostic Report(DiagnosticDescriptor descriptor, params object[] details) =>
            Diagnostic.Create(descriptor, location, [operation, .. details]);

        if (timeoutMilliseconds < 0)
        {
            return Report(ShieldDescriptors.NegativeTimeout, timeoutMilliseconds);
        }

        if (method.IsAbstract || method.IsExtern)
        {
            return Report(ShieldDescriptors.NoBody);
        }

        if (method.IsAsync && method.ReturnsVoid)
        {
            return Report(ShieldDescriptors.AsyncVoid);
        }

        if (method.IsAsync && method.ReturnType.IsAsyncIteratorType())
        {
            return Report(ShieldDescriptors.AsyncIterator, TypeNames.Readable(method.ReturnType));
        }

        if (method.RefKind != RefKind.None)
        {
            return Report(ShieldDescriptors.UnsupportedReturnType, $"{TypeNames.Readable(method.ReturnType)}&");
        }

        if (!method.ReturnType.IsTaskType())
        {
            return Report(ShieldDescriptors.UnsupportedReturnType, TypeNames.Readable(method.ReturnType));
        }

        var byRef = method.IsAsync ? null : method.Parameters.FirstOrDefault(p => p.RefKind != RefKind.None && p.Type.IsTokenType());
        if (byRef != null)
        {
            return Report(ShieldDescriptors.ByRefToken, byRef.Name);
        }

        if (!method.HasTokenParameter())
        {
            return timeoutMilliseconds > 0 ? Report(ShieldDescriptors.TimeoutWithoutToken) : Report(ShieldDescriptors.NoTokenParameter);
        }

        var builder = method.IsAsync ? CustomBuilder(method) : null;
        if (builder != null)
        {
            return Report(ShieldDescriptors.CustomBuilder, TypeNames.Readable(builder));
        }

        return null;
    }

    /// <summary>
    /// True for what a [Shield] type selects without an attribute of the method's own: async methods returning one of
    /// the four task types, with a token parameter.
    /// </summary>
    public static bool IsImplicitlySelectable(IMethodSymbol method) =>
        method.IsAsync && method.RefKind == RefKind.None && method.ReturnType.IsTaskType() && method.HasTokenParameter();

    /// <summary>
    /// The builder an <c>[AsyncMethodBuilder]</c> on the method puts in its state machine, when it is not one of the
    /// standard four, constructed over the return type's type argument as the compiler constructs it.
    /// </summary>
    static ITypeSymbol? CustomBuilder(IMethodSymbol method)
    {
        var builder = method.GetAttributes()
            .Where(a => a.AttributeClass?.IsNamed("System.Runtime.CompilerServices", "AsyncMethodBuilderAttribute") == true)
            .Select(a => a.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol)
            .FirstOrDefault();
        if (builder is null || StandardBuilders.Any(name => builder.IsNamed("System.Runtime.CompilerServices", name)))
        {
            return null;
        }

        return builder.IsUnboundGenericType && method.ReturnType is INamedTypeSymbol { TypeArguments.Length: > 0 } returned &&
               returned.TypeArguments.Length == builder.Arity
            ? builder.OriginalDefinition.Construct([.. returned.TypeArguments])
            : builder;
    }
}
