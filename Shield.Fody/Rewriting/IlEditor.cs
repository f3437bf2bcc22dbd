namespace Shield.Fody.Rewriting;

/// <summary>
/// Inserts instructions into a body in the three ways the rewriters need, keeping branches and exception handlers
/// pointed where they belong. Inserted instructions use long forms (any local, argument or distance), so only the
/// body's own short branches can need widening afterwards.
/// </summary>
internal static class IlEditor
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

    /// <summary>
    /// Turns the short branches that the inserted code pushed out of their one-byte reach into long ones. The rest of
    /// the body keeps its encoding: rewriting every instruction to long form and back costs more than the weave.
    /// </summary>
    public static void WidenBranchesOutOfReach(MethodBody body)
    {
        for (var widened = true; widened;)
        {
            widened = false;
            ComputeOffsets(body);
            foreach (var instruction in body.Instructions)
            {
                if (instruction.OpCode.OperandType == OperandType.ShortInlineBrTarget && !ReachesInOneByte(instruction))
                {
                    instruction.OpCode = LongForm(instruction.OpCode);
                    widened = true;
                }
            }
        }
    }

    static void ComputeOffsets(MethodBody body)
    {
        var offset = 0;
        foreach (var instruction in body.Instructions)
        {
            instruction.Offset = offset;
            offset += instruction.GetSize();
        }
    }

    static bool ReachesInOneByte(Instruction branch)
    {
        var displacement = ((Instruction)branch.Operand).Offset - (branch.Offset + branch.GetSize());
        return displacement is >= sbyte.MinValue and <= sbyte.MaxValue;
    }

    static OpCode LongForm(OpCode shortForm) => shortForm.Code switch
    {
        Code.Br_S => OpCodes.Br,
        Code.Brfalse_S => OpCodes.Brfalse,
        Code.Brtrue_S => OpCodes.Brtrue,
        Code.Beq_S => OpCodes.Beq,
        Code.Bge_S => OpCodes.Bge,
        Code.Bgt_S => OpCodes.Bgt,
        Code.Ble_S => OpCodes.Ble,
        Code.Blt_S => OpCodes.Blt,
        Code.Bne_Un_S => OpCodes.Bne_Un,
        Code.Bge_Un_S => OpCodes.Bge_Un,
        Code.Bgt_Un_S => OpCodes.Bgt_Un,
        Code.Ble_Un_S => OpCodes.Ble_Un,
        Code.Blt_Un_S => OpCodes.Blt_Un,
        Code.Leave_S => OpCodes.Leave,
        _ => throw new ArgumentOutOfRangeException(nameof(shortForm), shortForm, "not a short branch"),
    };

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
