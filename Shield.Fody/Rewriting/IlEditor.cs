namespace Shield.Fody.Rewriting;

/// <summary>
/// Inserts instructions into a body in the three ways the rewriters need, keeping branches and exception handlers
/// pointed where they belong.
/// </summary>
public static class IlEditor
{
    /// <summary>Inserts at the very start; a branch back to the old first instruction still skips the new code.</summary>
    public static void InsertAtStart(MethodBody body, IReadOnlyList<Instruction> instructions)
    {
        var processor = body.GetILProcessor();
        var first = body.Instructions[0];
        foreach (var instruction in instructions)
        {
            processor.InsertBefore(first, instruction);
        }
    }

    /// <summary>
    /// Makes <paramref name="instructions"/> run whenever <paramref name="target"/> would: every branch and handler
    /// boundary that named the target now names the first new instruction.
    /// </summary>
    public static void Prepend(MethodBody body, Instruction target, IReadOnlyList<Instruction> instructions)
    {
        var first = instructions[0];
        Retarget(body, target, first);
        var processor = body.GetILProcessor();
        foreach (var instruction in instructions)
        {
            processor.InsertBefore(target, instruction);
        }
    }

    /// <summary>Inserts right after <paramref name="anchor"/>, reached only by falling through from it.</summary>
    public static void InsertAfter(MethodBody body, Instruction anchor, IReadOnlyList<Instruction> instructions)
    {
        var processor = body.GetILProcessor();
        var previous = anchor;
        foreach (var instruction in instructions)
        {
            processor.InsertAfter(previous, instruction);
            previous = instruction;
        }
    }

    static void Retarget(MethodBody body, Instruction from, Instruction to)
    {
        foreach (var instruction in body.Instructions)
        {
            if (instruction.Operand == from)
            {
                instruction.Operand = to;
            }
            else if (instruction.Operand is Instruction[] targets)
            {
                for (var i = 0; i < targets.Length; i++)
                {
                    if (targets[i] == from)
                    {
                        targets[i] = to;
                    }
                }
            }
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            handler.TryStart = handler.TryStart == from ? to : handler.TryStart;
            handler.TryEnd = handler.TryEnd == from ? to : handler.TryEnd;
            handler.HandlerStart = handler.HandlerStart == from ? to : handler.HandlerStart;
            handler.HandlerEnd = handler.HandlerEnd == from ? to : handler.HandlerEnd;
            handler.FilterStart = handler.FilterStart == from ? to : handler.FilterStart;
        }
    }
}
