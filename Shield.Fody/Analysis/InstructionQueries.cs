namespace Shield.Fody.Analysis;

/// <summary>Queries over a method body that the analysis needs before anything is changed.</summary>
internal static class InstructionQueries
{
    /// <summary>Every instruction that a branch, a switch or an exception handler refers to.</summary>
    public static HashSet<Instruction> ReferencedInstructions(this MethodBody body)
    {
        var referenced = new HashSet<Instruction>();
        foreach (var instruction in body.Instructions)
        {
            switch (instruction.Operand)
            {
                case Instruction target:
                    referenced.Add(target);
                    break;
                case Instruction[] targets:
                    referenced.UnionWith(targets);
                    break;
            }
        }

        foreach (var handler in body.ExceptionHandlers)
        {
            referenced.Add(handler.TryStart);
            referenced.Add(handler.TryEnd);
            referenced.Add(handler.HandlerStart);
            referenced.Add(handler.HandlerEnd);
            if (handler.FilterStart != null)
            {
                referenced.Add(handler.FilterStart);
            }
        }

        referenced.Remove(null!);
        return referenced;
    }

    /// <summary>
    /// The instruction that pushes the first of <paramref name="call"/>'s arguments (its receiver, for an instance
    /// call), found by walking back through straight-line code; null when the code is not straight-line.
    /// </summary>
    public static Instruction? ArgumentStart(Instruction call, int argumentCount, HashSet<Instruction> referenced)
    {
        var needed = argumentCount;
        for (var instruction = call.Previous; instruction != null; instruction = instruction.Previous)
        {
            if (instruction.OpCode.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw
                || !StackEffect.TryGet(instruction, out var pops, out var pushes))
            {
                return null;
            }

            needed += pops - pushes;
            if (needed == 0)
            {
                return instruction;
            }

            if (needed < 0 || referenced.Contains(instruction))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The local that a <c>ldloc</c> in any of its forms loads, or null for any other instruction.</summary>
    public static VariableDefinition? LoadedVariable(this Instruction instruction, MethodBody body) => instruction.OpCode.Code switch
    {
        Code.Ldloc_0 => body.Variables[0],
        Code.Ldloc_1 => body.Variables[1],
        Code.Ldloc_2 => body.Variables[2],
        Code.Ldloc_3 => body.Variables[3],
        Code.Ldloc_S or Code.Ldloc => instruction.Operand as VariableDefinition,
        _ => null,
    };
}
