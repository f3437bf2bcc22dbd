namespace Shield.Fody.Rewriting;

/// <summary>
/// Catches what a call throws before it hands a task over, so that it still ends the call (its span, its deadline),
/// and then lets it reach the caller unchanged (<c>rethrow</c>). Two places need it: the body of a method that is not
/// a state machine, whose every <c>ret</c> becomes a <c>leave</c> to one exit that hands the returned task over, and a
/// shielded call site, whose callee's task is handed over after the protected call. No cost while nothing throws: a
/// try block allocates nothing and runs no code.
/// </summary>
internal static class ThrowGuard
{
    /// <param name="body">The method body, its prologue already in place.</param>
    /// <param name="bodyStart">The body's original first instruction: the protected region starts there, on an empty stack.</param>
    /// <param name="onThrow">Runs with the exception on the stack and consumes it.</param>
    /// <param name="handOver">Runs with the returned task on the stack and leaves what the caller receives.</param>
    /// <param name="exception">System.Exception, the type caught.</param>
    public static void WrapBody(MethodBody body, Instruction bodyStart, IReadOnlyList<Instruction> onThrow, IReadOnlyList<Instruction> handOver, TypeReference exception)
    {
        var returned = Local(body, body.Method.ReturnType);
        var exit = Instruction.Create(OpCodes.Ldloc, returned);
        var processor = body.GetILProcessor();
        foreach (var ret in body.Instructions.Where(i => i.OpCode.Code == Code.Ret).ToList())
        {
            IlEditor.Prepend(body, ret, [Instruction.Create(OpCodes.Stloc, returned), Instruction.Create(OpCodes.Leave, exit)]);
            processor.Remove(ret);
        }

        // The whole body is protected: its own handlers are nested inside, so they come first.
        body.ExceptionHandlers.Add(Protect(body, bodyStart, body.Instructions[body.Instructions.Count - 1], [], onThrow, exit, [.. handOver, Instruction.Create(OpCodes.Ret)], exception));
    }

    /// <param name="body">The caller's body.</param>
    /// <param name="tryStart">The first instruction that loads the call's arguments, on an empty stack.</param>
    /// <param name="call">The call, whose task is kept in a local while the protected region is left.</param>
    /// <param name="taskType">What the call returns.</param>
    /// <inheritdoc cref="WrapBody" path="/param[@name='onThrow' or @name='handOver' or @name='exception']"/>
    public static void WrapCall(MethodBody body, Instruction tryStart, Instruction call, TypeReference taskType, IReadOnlyList<Instruction> onThrow, IReadOnlyList<Instruction> handOver, TypeReference exception)
    {
        var returned = Local(body, taskType);
        var exit = Instruction.Create(OpCodes.Ldloc, returned);

        // The call may sit inside the body's own protected regions: nested inside them, it comes first.
        body.ExceptionHandlers.Insert(0, Protect(body, tryStart, call, [Instruction.Create(OpCodes.Stloc, returned), Instruction.Create(OpCodes.Leave, exit)], onThrow, exit, handOver, exception));
    }

    /// <summary>Inserts, after <paramref name="last"/>, the way out of the protected region, the catch, and the exit.</summary>
    static ExceptionHandler Protect(MethodBody body, Instruction tryStart, Instruction last, IReadOnlyList<Instruction> leave, IReadOnlyList<Instruction> onThrow, Instruction exit, IReadOnlyList<Instruction> afterExit, TypeReference exception)
    {
        var handler = onThrow.Append(Instruction.Create(OpCodes.Rethrow)).ToList();
        IlEditor.InsertAfter(body, last, [.. leave, .. handler, exit, .. afterExit]);
        return new ExceptionHandler(ExceptionHandlerType.Catch)
        {
            TryStart = tryStart,
            TryEnd = handler[0],
            HandlerStart = handler[0],
            HandlerEnd = exit,
            CatchType = exception,
        };
    }

    static VariableDefinition Local(MethodBody body, TypeReference type)
    {
        var local = new VariableDefinition(type);
        body.Variables.Add(local);
        return local;
    }
}
