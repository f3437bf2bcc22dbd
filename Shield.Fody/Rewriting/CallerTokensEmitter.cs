namespace Shield.Fody.Rewriting;

/// <summary>A caller's token to keep aside: how to load it, its type, and whether that is <c>CancellationToken?</c>.</summary>
internal sealed record CallerTokenLoad(Func<Instruction> Load, TypeReference ValueType, bool IsNullable);

/// <summary>Emits the code that keeps a caller's tokens aside as one <c>ShieldCallerTokens</c> value, for woven methods and call sites alike.</summary>
internal static class CallerTokensEmitter
{
    /// <summary>Pushes the tokens as one ShieldCallerTokens value.</summary>
    public static IEnumerable<Instruction> Push(IReadOnlyList<CallerTokenLoad> tokens, TypeReference tokenType, RuntimeReferences runtime)
    {
        IEnumerable<Instruction> Load(CallerTokenLoad token)
        {
            yield return token.Load();
            if (token.IsNullable)
            {
                yield return Instruction.Create(OpCodes.Call, runtime.CallerToken(token.ValueType, tokenType));
            }
        }

        if (tokens.Count <= 2)
        {
            foreach (var instruction in tokens.SelectMany(Load))
            {
                yield return instruction;
            }
        }
        else
        {
            yield return Instruction.Create(OpCodes.Ldc_I4, tokens.Count);
            yield return Instruction.Create(OpCodes.Newarr, tokenType);
            for (var i = 0; i < tokens.Count; i++)
            {
                yield return Instruction.Create(OpCodes.Dup);
                yield return Instruction.Create(OpCodes.Ldc_I4, i);
                foreach (var instruction in Load(tokens[i]))
                {
                    yield return instruction;
                }

                yield return Instruction.Create(OpCodes.Stelem_Any, tokenType);
            }
        }

        yield return Instruction.Create(OpCodes.Call, runtime.CallerTokensOf(tokenType, tokens.Count));
    }
}
