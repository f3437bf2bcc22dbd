using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Shields a call into code the module does not own where it is made. The callee's state machine cannot be hooked,
/// so the call hands the callee's task to <c>Returned</c>, the continuation-tracked path of methods that are not
/// async: the arguments from the first token on are kept in locals, the caller's tokens are kept aside, the callee
/// receives <c>CancellationToken.None</c> (a null <c>CancellationToken?</c> stays null) for each of them, and the
/// caller receives what <c>Returned</c> gives back.
/// </summary>
internal sealed class CallSiteRewriter(RuntimeReferences runtime, OperationHolder operations)
{
    readonly Dictionary<string, FieldDefinition> _operations = [];

    public void Shield(IReadOnlyList<ShieldedCallSite> sites)
    {
        foreach (var caller in sites.GroupBy(site => site.Caller))
        {
            foreach (var site in caller)
            {
                Shield(site);
            }

            IlEditor.WidenBranchesOutOfReach(caller.Key.Body);
        }
    }

    void Shield(ShieldedCallSite site)
    {
        var body = site.Caller.Body;
        var callee = site.Callee;
        var first = site.TokenPositions[0];
        var tokenType = TokenTypeOf(callee.Parameters[first].ParameterType);

        var arguments = new Dictionary<int, VariableDefinition>();
        for (var i = first; i < callee.Parameters.Count; i++)
        {
            arguments[i] = new VariableDefinition(GenericParameterRemapper.Instantiate(callee.Parameters[i].ParameterType, callee));
            body.Variables.Add(arguments[i]);
        }

        var callerTokens = new VariableDefinition(runtime.CallerTokens);
        body.Variables.Add(callerTokens);

        var before = new List<Instruction>();
        for (var i = callee.Parameters.Count - 1; i >= first; i--)
        {
            before.Add(Instruction.Create(OpCodes.Stloc, arguments[i]));
        }

        var tokenLoads = site.TokenPositions
            .Select(i => new CallerTokenLoad(() => Instruction.Create(OpCodes.Ldloc, arguments[i]), arguments[i].VariableType, arguments[i].VariableType.IsNullableCancellationToken()))
            .ToList();
        before.AddRange(CallerTokensEmitter.Push(tokenLoads, tokenType, runtime));
        before.Add(Instruction.Create(OpCodes.Stloc, callerTokens));
        for (var i = first; i < callee.Parameters.Count; i++)
        {
            before.AddRange(LoadArgument(arguments[i], site.TokenPositions.Contains(i), tokenType));
        }

        var prefixes = PrefixesOf(site.Call);
        IlEditor.Prepend(body, prefixes.FirstOrDefault() ?? site.Call, before);

        // A tail call must be followed by ret: the hand-over now comes between them.
        foreach (var tail in prefixes.Where(p => p.OpCode.Code == Code.Tail))
        {
            tail.OpCode = OpCodes.Nop;
        }

        var shape = TaskShape.Of(GenericParameterRemapper.Instantiate(callee.ReturnType, callee))!;
        IlEditor.InsertAfter(body, site.Call,
        [
            Instruction.Create(OpCodes.Ldloc, callerTokens),
            Instruction.Create(OpCodes.Ldsfld, OperationOf(site.Operation)),
            Instruction.Create(OpCodes.Ldnull),
            Instruction.Create(OpCodes.Call, runtime.Shield(HandOver.Returned, shape, runtime.TokenSource(tokenType))),
        ]);
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
    static List<Instruction> PrefixesOf(Instruction call)
    {
        var prefixes = new List<Instruction>();
        for (var previous = call.Previous; previous != null && previous.OpCode.OpCodeType == OpCodeType.Prefix; previous = previous.Previous)
        {
            prefixes.Insert(0, previous);
        }

        return prefixes;
    }
}
