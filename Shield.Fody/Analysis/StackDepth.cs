namespace Shield.Fody.Analysis;

/// <summary>How many values the evaluation stack holds before an instruction, found by following the body's flow.</summary>
internal static class StackDepth
{
    /// <summary>
    /// The depth right before <paramref name="target"/>; null when the flow reaching it holds an instruction whose effect
    /// cannot be told from its operand, or when it is not reached at all.
    /// </summary>
    public static int? Before(MethodBody body, Instruction target)
    {
        var depths = new Dictionary<Instruction, int>();
        var pending = new Stack<(Instruction Instruction, int Depth)>();
        pending.Push((body.Instructions[0], 0));
        foreach (var handler in body.ExceptionHandlers)
        {
            // A catch or filter starts with the exception on the stack; a finally or fault with nothing.
            pending.Push((handler.HandlerStart, handler.HandlerType is ExceptionHandlerType.Catch or ExceptionHandlerType.Filter ? 1 : 0));
            if (handler.FilterStart != null)
            {
                pending.Push((handler.FilterStart, 1));
            }
        }

        while (pending.Count > 0)
        {
            var (instruction, depth) = pending.Pop();
            if (depths.ContainsKey(instruction))
            {
                continue;
            }

            depths[instruction] = depth;

            var flow = instruction.OpCode.FlowControl;
            if (flow is FlowControl.Return or FlowControl.Throw)
            {
                continue;
            }

            // leave empties the stack, whatever it held.
            int after;
            if (instruction.OpCode.Code is Code.Leave or Code.Leave_S)
            {
                after = 0;
            }
            else if (StackEffect.TryGet(instruction, out var pops, out var pushes))
            {
                after = depth - pops + pushes;
            }
            else
            {
                return null;
            }
            switch (instruction.Operand)
            {
                case Instruction branch when flow is FlowControl.Branch or FlowControl.Cond_Branch:
                    pending.Push((branch, after));
                    break;
                case Instruction[] cases:
                    foreach (var branch in cases)
                    {
                        pending.Push((branch, after));
                    }

                    break;
            }

            if (flow != FlowControl.Branch && instruction.Next != null)
            {
                pending.Push((instruction.Next, after));
            }
        }

        return depths.TryGetValue(target, out var found) ? found : null;
    }
}
