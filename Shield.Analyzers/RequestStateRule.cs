using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Shield.Analyzers;

/// <summary>
/// SHIELD017: a shielded body outlives its caller, and ASP.NET Core resets and reuses a request's HttpContext once the
/// request ends, so a body that reads request state after an await (or in a lambda or local function, which may run
/// at any time) may read empty values or another request's. Only what the weaver would shield is checked: methods
/// that a [Shield] of their own or of their type selects with no other problem, and local functions and lambdas with
/// a [Shield] of their own. The types are matched by name: the
/// analyzer does not reference ASP.NET Core.
/// </summary>
static class RequestStateRule
{
    const string HttpNamespace = "Microsoft.AspNetCore.Http";

    /// <summary>
    /// HttpContext, HttpRequest, HttpResponse and ConnectionInfo, and what derives from them; what
    /// IHttpContextAccessor.HttpContext and ControllerBase.HttpContext, Request and Response return is among them.
    /// </summary>
    static readonly string[] RequestStateTypes = ["HttpContext", "HttpRequest", "HttpResponse", "ConnectionInfo"];

    public static void Analyze(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol member)
        {
            return;
        }

        var memberIsShielded = MemberSelection.Of(member) is { Problem: null };
        // The body, as a block or an expression's implicit block; the attributes are blocks too.
        foreach (var body in context.OperationBlocks.OfType<IBlockOperation>())
        {
            var graph = context.GetControlFlowGraph(body);
            if (memberIsShielded)
            {
                ReportUses(context, member, body, graph);
                continue;
            }

            foreach (var (function, nested) in ShieldedFunctions(graph))
            {
                ReportUses(context, function, BodyOf(nested.OriginalOperation), nested);
            }
        }
    }

    static void ReportUses(OperationBlockAnalysisContext context, IMethodSymbol function, IOperation? body, ControlFlowGraph graph)
    {
        if (body is null)
        {
            return;
        }

        var afterAwait = AwaitReachability.AfterAwait(graph);
        foreach (var use in body.Descendants().Where(IsUse))
        {
            if (IsInNestedFunction(use, body) || afterAwait.Contains(use.Syntax))
            {
                context.ReportDiagnostic(Diagnostic.Create(ShieldDescriptors.RequestStateAfterAwait, use.Syntax.GetLocation(),
                    OperationName.Of(function), use.Syntax.ToString(), use.Type!.Name));
            }
        }
    }

    /// <summary>
    /// The local functions and lambdas of a member that is not shielded which carry a [Shield] of their own that
    /// shields them. What they contain is theirs: a shielded function within one is not looked at twice.
    /// </summary>
    static IEnumerable<(IMethodSymbol Function, ControlFlowGraph Graph)> ShieldedFunctions(ControlFlowGraph graph)
    {
        var localFunctions = graph.LocalFunctions.Select(function => (function, graph.GetLocalFunctionControlFlowGraph(function)));
        var lambdas = graph.Blocks.SelectMany(AwaitReachability.OperationsOf).SelectMany(operation => operation.DescendantsAndSelf())
            .OfType<IFlowAnonymousFunctionOperation>()
            .Select(lambda => (lambda.Symbol, graph.GetAnonymousFunctionControlFlowGraph(lambda)));
        foreach (var (function, nested) in localFunctions.Concat(lambdas))
        {
            var shielded = function.GetShieldAttribute() is { } own &&
                           Shieldability.Check(function, own.TimeoutMilliseconds() ?? 0, Location.None) is null;
            var found = shielded ? [(function, nested)] : ShieldedFunctions(nested);
            foreach (var item in found)
            {
                yield return item;
            }
        }
    }

    static IOperation? BodyOf(IOperation? function) => function switch
    {
        ILocalFunctionOperation localFunction => localFunction.Body,
        IAnonymousFunctionOperation lambda => lambda.Body,
        _ => null,
    };

    /// <summary>
    /// A read of request state, once per expression: <c>context.Request.Path</c> is one use, of <c>context</c>, so
    /// what is reached through request state and what is only written to is left out.
    /// </summary>
    static bool IsUse(IOperation operation)
    {
        if (!IsRequestState(operation.Type) || operation.Parent is ISimpleAssignmentOperation assignment && assignment.Target == operation)
        {
            return false;
        }

        return operation switch
        {
            IMemberReferenceOperation member => !IsRequestState(member.Instance?.Type),
            IInvocationOperation invocation => !IsRequestState(invocation.Instance?.Type),
            IParameterReferenceOperation or ILocalReferenceOperation => true,
            _ => false,
        };
    }

    static bool IsRequestState(ITypeSymbol? type)
    {
        for (var current = type; current != null; current = current.BaseType)
        {
            if (RequestStateTypes.Any(name => current.IsNamed(HttpNamespace, name)))
            {
                return true;
            }
        }

        return false;
    }

    static bool IsInNestedFunction(IOperation use, IOperation body)
    {
        for (var parent = use.Parent; parent != null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
