namespace Shield.Fody.Rewriting;

/// <summary>
/// Inserts instructions into a body in the three ways the rewriters need, keeping branches and exception handlers
/// pointed where they belong. Inserted instructions use long forms (any local, argument or distance), so only the
/// body's own short branches can need widening afterwards. A prefix (<c>constrained.</c>, <c>tail.</c>, ...) stays
/// glued to the instruction it modifies, and a call that new code now follows loses its <c>tail.</c> prefix, which
/// is only valid right before a <c>ret</c> (F# puts it on a member's last call).
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
        var start = PrefixedStart(target);
        if (start.Previous != null)
        {
            EndTailCall(body, start.Previous);
        }

        var first = instructions[0];
        Retarget(body, start, first);
        var processor = body.GetILProcessor();
        foreach (var instruction in instructions)
        {
            processor.InsertBefore(start, instruction);
        }
    }

    /// <summary>Inserts right after <paramref name="anchor"/>, reached only by falling through from it.</summary>
    public static void InsertAfter(MethodBody body, Instruction anchor, IReadOnlyList<Instruction> instructions)
    {
        EndTailCall(body, anchor);
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

    /// <summary>The first of the prefixes that modify <paramref name="instruction"/>, or the instruction itself.</summary>
    static Instruction PrefixedStart(Instruction instruction)
    {
        var start = instruction;
        while (start.Previous is { OpCode.OpCodeType: OpCodeType.Prefix } prefix)
        {
            start = prefix;
        }

        return start;
    }

    /// <summary>
    /// Removes the <c>tail.</c> prefix of <paramref name="call"/>, which is about to be followed by new code instead of
    /// <c>ret</c>: the call then returns here as any other call does. Anything that named the prefix names what follows it.
    /// </summary>
    static void EndTailCall(MethodBody body, Instruction call)
    {
        for (var prefix = call.Previous; prefix is { OpCode.OpCodeType: OpCodeType.Prefix }; prefix = prefix.Previous)
        {
            if (prefix.OpCode.Code == Code.Tail)
            {
                Retarget(body, prefix, prefix.Next);
                body.GetILProcessor().Remove(prefix);
                return;
            }
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
