using Shield.Fody.Analysis;
using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Shields a call into code the module does not own where it is made. The callee's state machine cannot be hooked,
/// so the call hands the callee's task to <c>Returned</c>, the continuation-tracked path of methods that are not
/// async: the arguments from the first token on are kept in locals, the caller's tokens are kept aside, the callee
/// receives <c>CancellationToken.None</c> (a null <c>CancellationToken?</c> stays null) for each of them, the call's
/// span starts right before the call, and the caller receives what <c>Returned</c> gives back with that span. The call is
/// protected too (<see cref="ThrowGuard"/>): a callee that throws instead of returning a task ends the span before the
/// exception reaches the caller. A try block starts on an empty stack, so a call whose stack holds more than its
/// arguments is first moved into a method of its own (<see cref="CallIsolator"/>), where it holds them alone.
/// </summary>
internal sealed class CallSiteRewriter(RuntimeReferences runtime, OperationHolder operations)
{
    readonly Dictionary<string, FieldDefinition> _operations = [];
    readonly CallIsolator _isolator = new(runtime);

    public void Shield(IReadOnlyList<ShieldedCallSite> sites)
    {
        foreach (var caller in sites.GroupBy(site => site.Caller))
        {
            foreach (var site in caller)
            {
                // A call moved into a method of its own holds its arguments alone there, so it is guarded in any case.
                var isolated = CanGuardInPlace(site) ? site : _isolator.Isolate(site);
                Shield(isolated ?? site, guarded: isolated != null);
            }

            IlEditor.WidenBranchesOutOfReach(caller.Key.Body);
        }
    }

    /// <param name="site">The call to shield.</param>
    /// <param name="guarded">Whether the stack holds the call's arguments alone, outside any filter (<see cref="CanGuardInPlace"/>).</param>
    void Shield(ShieldedCallSite site, bool guarded)
    {
        var body = site.Caller.Body;
        var callee = site.Callee;
        var first = site.TokenPositions[0];
        var tokenType = TokenTypeOf(callee.Parameters[first].ParameterType);
        var prefixes = PrefixesOf(site.Call);
        var start = prefixes.FirstOrDefault() ?? site.Call;
        var receiverType = ReceiverType(callee, prefixes);
        var kept = guarded ? 0 : first;

        var arguments = new Dictionary<int, VariableDefinition>();
        for (var i = kept; i < callee.Parameters.Count; i++)
        {
            arguments[i] = Local(body, GenericParameterRemapper.Instantiate(callee.Parameters[i].ParameterType, callee));
        }

        var receiver = guarded && callee.HasThis ? Local(body, receiverType!) : null;
        var callerTokens = Local(body, runtime.CallerTokens);
        var span = Local(body, runtime.Span);

        var before = new List<Instruction>();
        for (var i = callee.Parameters.Count - 1; i >= kept; i--)
        {
            before.Add(Instruction.Create(OpCodes.Stloc, arguments[i]));
        }

        if (receiver != null)
        {
            before.Add(Instruction.Create(OpCodes.Stloc, receiver));
        }

        var tokenLoads = site.TokenPositions
            .Select(i => new CallerTokenLoad(() => Instruction.Create(OpCodes.Ldloc, arguments[i]), arguments[i].VariableType, arguments[i].VariableType.IsNullableCancellationToken()))
            .ToList();
        before.AddRange(CallerTokensEmitter.Push(tokenLoads, tokenType, runtime));
        before.Add(Instruction.Create(OpCodes.Stloc, callerTokens));
        before.Add(Instruction.Create(OpCodes.Ldsfld, OperationOf(site.Operation)));
        before.Add(Instruction.Create(OpCodes.Call, runtime.StartSpan));
        before.Add(Instruction.Create(OpCodes.Stloc, span));

        var loads = new List<Instruction>();
        if (receiver != null)
        {
            loads.Add(Instruction.Create(OpCodes.Ldloc, receiver));
        }

        for (var i = kept; i < callee.Parameters.Count; i++)
        {
            loads.AddRange(LoadArgument(arguments[i], site.TokenPositions.Contains(i), tokenType));
        }

        IlEditor.Prepend(body, start, [.. before, .. loads]);

        // A tail call must be followed by ret: the hand-over now comes between them.
        foreach (var tail in prefixes.Where(p => p.OpCode.Code == Code.Tail))
        {
            tail.OpCode = OpCodes.Nop;
        }

        var shape = TaskShape.Of(GenericParameterRemapper.Instantiate(callee.ReturnType, callee))!;
        Instruction[] handOver =
        [
            Instruction.Create(OpCodes.Ldloc, callerTokens),
            Instruction.Create(OpCodes.Ldsfld, OperationOf(site.Operation)),
            Instruction.Create(OpCodes.Ldnull),
            Instruction.Create(OpCodes.Ldloc, span),
            Instruction.Create(OpCodes.Call, runtime.Shield(HandOver.Returned, shape, runtime.TokenSource(tokenType))),
        ];
        if (guarded)
        {
            Instruction[] onThrow = [Instruction.Create(OpCodes.Ldnull), Instruction.Create(OpCodes.Ldloc, span), Instruction.Create(OpCodes.Call, runtime.Threw(runtime.TokenSource(tokenType)))];
            ThrowGuard.WrapCall(body, loads[0], site.Call, shape.ReturnType, onThrow, handOver, runtime.Exception);
        }
        else
        {
            IlEditor.InsertAfter(body, site.Call, handOver);
        }
    }

    /// <summary>
    /// A try block starts on an empty stack: the call is protected from a synchronous throw where it is made when the
    /// stack holds its arguments alone, all kept in locals and loaded again inside the block, outside any filter.
    /// </summary>
    static bool CanGuardInPlace(ShieldedCallSite site)
    {
        var body = site.Caller.Body;
        var callee = site.Callee;
        var prefixes = PrefixesOf(site.Call);
        var start = prefixes.FirstOrDefault() ?? site.Call;
        return ReceiverType(callee, prefixes) != null && !InFilter(body, start)
            && StackDepth.Before(body, start) == callee.Parameters.Count + (callee.HasThis ? 1 : 0);
    }

    static VariableDefinition Local(MethodBody body, TypeReference type)
    {
        var local = new VariableDefinition(type);
        body.Variables.Add(local);
        return local;
    }

    /// <summary>
    /// The type of the local that keeps the call's receiver: a reference for a value type's method (and under
    /// <c>constrained.</c>), the declaring type otherwise; null for a static call and where the declaring type does not resolve.
    /// </summary>
    internal static TypeReference? ReceiverType(MethodReference callee, IReadOnlyList<Instruction> prefixes)
    {
        if (!callee.HasThis)
        {
            return callee.DeclaringType;
        }

        if (prefixes.FirstOrDefault(p => p.OpCode.Code == Code.Constrained) is { Operand: TypeReference constrained })
        {
            return new ByReferenceType(constrained);
        }

        return callee.DeclaringType.Resolve() switch
        {
            null => null,
            { IsValueType: true } => new ByReferenceType(callee.DeclaringType),
            _ => callee.DeclaringType,
        };
    }

    /// <summary>Whether <paramref name="instruction"/> lies in a filter, where no try block may start.</summary>
    static bool InFilter(MethodBody body, Instruction instruction)
    {
        var index = body.Instructions.IndexOf(instruction);
        return body.ExceptionHandlers.Any(h => h.FilterStart != null
            && index >= body.Instructions.IndexOf(h.FilterStart) && index < body.Instructions.IndexOf(h.HandlerStart));
    }

    /// <summary>What the callee receives in place of an argument: the argument itself, or a token that never fires.</summary>
    IEnumerable<Instruction> LoadArgument(VariableDefinition argument, bool isToken, TypeReference tokenType)
    {
        if (!isToken)
        {
            yield return Instruction.Create(OpCodes.Ldloc, argument);
        }
        else if (argument.VariableType.IsNullableCancellationToken())
        {
            yield return Instruction.Create(OpCodes.Ldloc, argument);
            yield return Instruction.Create(OpCodes.Ldnull);
            yield return Instruction.Create(OpCodes.Call, runtime.NullableBodyToken(argument.VariableType, runtime.TokenSource(tokenType)));
        }
        else
        {
            yield return Instruction.Create(OpCodes.Call, runtime.NoneToken(tokenType));
        }
    }

    FieldDefinition OperationOf(string operation) =>
        _operations.TryGetValue(operation, out var field)
            ? field
            : _operations[operation] = operations.Add(operation, $"Call_{operation}", 0);

    static TypeReference TokenTypeOf(TypeReference parameterType) =>
        parameterType.IsNullableCancellationToken() ? ((GenericInstanceType)parameterType).GenericArguments[0] : parameterType;

    /// <summary>The prefixes (<c>constrained.</c>, <c>tail.</c>) of a call, first to last: inserted code goes before them.</summary>
    internal static List<Instruction> PrefixesOf(Instruction call)
    {
        var prefixes = new List<Instruction>();
        for (var previous = call.Previous; previous != null && previous.OpCode.OpCodeType == OpCodeType.Prefix; previous = previous.Previous)
        {
            prefixes.Insert(0, previous);
        }

        return prefixes;
    }
}
