using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Shield.Analyzers;

/// <summary>
/// Reports, as the user types, the [Shield] misuses the weaver reports at build time, with the same IDs and wording:
/// on methods (and accessors) that carry [Shield], on local functions and lambdas that carry it, on the methods a
/// [Shield] type selects, and on a [Shield] type that selects nothing; and, seen in source alone, request state a
/// shielded body uses after an await (SHIELD017).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShieldAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        ShieldDescriptors.AsyncVoid, ShieldDescriptors.UnsupportedReturnType, ShieldDescriptors.AsyncIterator,
        ShieldDescriptors.NoBody, ShieldDescriptors.ByRefToken, ShieldDescriptors.NoTokenParameter,
        ShieldDescriptors.TimeoutWithoutToken, ShieldDescriptors.TypeWithoutTargets, ShieldDescriptors.CustomBuilder,
        ShieldDescriptors.NegativeTimeout, ShieldDescriptors.RequestStateAfterAwait);

    public override void Initialize(AnalysisContext context)
    {
        // The weaver sees generated code too, so [Shield] there is checked the same way.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeMember, SymbolKind.Method);
        context.RegisterOperationAction(AnalyzeFunction, OperationKind.LocalFunction, OperationKind.AnonymousFunction);
        context.RegisterSymbolStartAction(WatchShieldedType, SymbolKind.NamedType);
        context.RegisterOperationBlockAction(RequestStateRule.Analyze);
    }

    /// <summary>A method declared in a type: its own [Shield], else its type's.</summary>
    static void AnalyzeMember(SymbolAnalysisContext context)
    {
        var declared = (IMethodSymbol)context.Symbol;
        if (declared.PartialDefinitionPart == null && MemberSelection.Of(declared)?.Problem is { } problem)
        {
            context.ReportDiagnostic(problem);
        }
    }

    /// <summary>
    /// A local function or lambda is checked only when it carries [Shield] itself, and its deadline is its own: whether
    /// the weaver would see the type's [Shield] on it depends on whether the compiler emits it into the type or into
    /// a closure class, which the source does not show.
    /// </summary>
    static void AnalyzeFunction(OperationAnalysisContext context)
    {
        var function = FunctionOf(context.Operation);
        var own = function?.GetShieldAttribute();
        if (function is null || own is null)
        {
            return;
        }

        var location = function.MethodKind == MethodKind.LocalFunction
            ? function.Locations[0]
            : AttributeLocation(own, context.Operation.Syntax.GetLocation());
        var problem = Shieldability.Check(function, own.TimeoutMilliseconds() ?? 0, location);
        if (problem != null)
        {
            context.ReportDiagnostic(problem);
        }
    }

    /// <summary>
    /// SHIELD009: a [Shield] type in which nothing is shielded, neither a method the type selects nor a method, local
    /// function or lambda with [Shield] of its own. Whether a local function or lambda carries [Shield] is only known
    /// once the type's bodies are analyzed, hence the symbol start and end.
    /// </summary>
    static void WatchShieldedType(SymbolStartAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attribute = type.GetShieldAttribute();
        if (attribute is null || type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || HasShieldedMember(type))
        {
            return;
        }

        var shieldedFunctions = 0;
        context.RegisterOperationAction(operation =>
        {
            var function = FunctionOf(operation.Operation);
            if (function?.GetShieldAttribute() != null && SymbolEqualityComparer.Default.Equals(function.ContainingType, type))
            {
                Interlocked.Increment(ref shieldedFunctions);
            }
        }, OperationKind.LocalFunction, OperationKind.AnonymousFunction);

        context.RegisterSymbolEndAction(end =>
        {
            if (Volatile.Read(ref shieldedFunctions) == 0)
            {
                end.ReportDiagnostic(Diagnostic.Create(ShieldDescriptors.TypeWithoutTargets,
                    AttributeLocation(attribute, type.Locations[0]), OperationName.TypePath(type)));
            }
        });
    }

    /// <summary>A partial method without an implementation is not emitted, so its [Shield] does not count.</summary>
    static bool HasShieldedMember(INamedTypeSymbol type) =>
        type.GetMembers().OfType<IMethodSymbol>().Any(declared =>
            declared.EmittedPart() is { } method &&
            (declared.GetShieldAttribute() != null || method.GetShieldAttribute() != null || Shieldability.IsImplicitlySelectable(method)));

    static IMethodSymbol? FunctionOf(IOperation operation) => operation switch
    {
        ILocalFunctionOperation localFunction => localFunction.Symbol,
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        _ => null,
    };

    static Location AttributeLocation(AttributeData attribute, Location fallback) =>
        attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : fallback;
}
