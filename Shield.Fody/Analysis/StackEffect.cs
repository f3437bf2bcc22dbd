namespace Shield.Fody.Analysis;

/// <summary>How many values an instruction pops and pushes, for walking straight-line IL backwards.</summary>
internal static class StackEffect
{
    /// <summary>Returns false for instructions whose effect depends on more than their operand (ret, jmp, and the like).</summary>
    public static bool TryGet(Instruction instruction, out int pops, out int pushes)
    {
        var opCode = instruction.OpCode;
        pushes = Pushes(opCode.StackBehaviourPush);
        pops = Pops(opCode.StackBehaviourPop);

        if (opCode.StackBehaviourPop == StackBehaviour.Varpop || opCode.StackBehaviourPush == StackBehaviour.Varpush)
        {
            if (instruction.Operand is not MethodReference method || opCode.Code == Code.Calli)
            {
                return false;
            }

            var isConstructor = opCode.Code == Code.Newobj;
            pops = method.Parameters.Count + (method.HasThis && !isConstructor ? 1 : 0);
            pushes = isConstructor || method.ReturnType.MetadataType != MetadataType.Void ? 1 : 0;
        }

        return pops >= 0 && pushes >= 0;
    }

    static int Pops(StackBehaviour behaviour) => behaviour switch
    {
        StackBehaviour.Pop0 => 0,
        StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
        StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8
            or StackBehaviour.Popi_popr4 or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1
            or StackBehaviour.Popref_popi => 2,
        StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8
            or StackBehaviour.Popref_popi_popr4 or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref => 3,
        StackBehaviour.Varpop => 0,
        _ => -1,
    };

    static int Pushes(StackBehaviour behaviour) => behaviour switch
    {
        StackBehaviour.Push0 => 0,
        StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4
            or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
        StackBehaviour.Push1_push1 => 2,
        StackBehaviour.Varpush => 0,
        _ => -1,
    };
}
