using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Rewrites the method the caller calls (an async method's kickoff, or any task-returning method): it keeps the
/// caller's tokens aside, gives every token parameter the body's own token before anything reads it, starts the call's
/// span last, right before the body runs, and hands what the method returns to the runtime with that span, which gives
/// the caller either that task or a proxy. A method that is not a state machine runs inside a <see cref="ThrowGuard"/>,
/// so that throwing instead of returning a task ends its span and deadline too.
/// </summary>
internal static class KickoffRewriter
{
    public static void Rewrite(ShieldTarget target, FieldReference operation, RuntimeReferences runtime)
    {
        var body = target.Method.Body;
        var tokenType = target.Tokens[0].TokenType;
        var tokenSource = runtime.TokenSource(tokenType);

        var callerTokens = new VariableDefinition(runtime.CallerTokens);
        body.Variables.Add(callerTokens);
        var span = new VariableDefinition(runtime.Span);
        body.Variables.Add(span);
        VariableDefinition? deadline = null;
        if (target.Candidate.TimeoutMilliseconds > 0)
        {
            deadline = new VariableDefinition(tokenSource);
            body.Variables.Add(deadline);
        }

        Instruction LoadDeadline() => deadline is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldloc, deadline);

        var prologue = new List<Instruction>();
        if (deadline != null)
        {
            prologue.Add(Instruction.Create(OpCodes.Ldsfld, operation));
            prologue.Add(Instruction.Create(OpCodes.Call, runtime.StartDeadline(tokenSource)));
            prologue.Add(Instruction.Create(OpCodes.Stloc, deadline));
        }

        var callerTokenLoads = target.Tokens
            .Select(t => new CallerTokenLoad(() => Instruction.Create(OpCodes.Ldarg, t.Parameter), t.Parameter.ParameterType, t.IsNullable))
            .ToList();
        prologue.AddRange(CallerTokensEmitter.Push(callerTokenLoads, tokenType, runtime));
        prologue.Add(Instruction.Create(OpCodes.Stloc, callerTokens));

        foreach (var token in target.Tokens)
        {
            if (token.IsNullable)
            {
                prologue.Add(Instruction.Create(OpCodes.Ldarg, token.Parameter));
                prologue.Add(LoadDeadline());
                prologue.Add(Instruction.Create(OpCodes.Call, runtime.NullableBodyToken(token.Parameter.ParameterType, tokenSource)));
            }
            else if (deadline != null)
            {
                prologue.Add(Instruction.Create(OpCodes.Ldloc, deadline));
                prologue.Add(Instruction.Create(OpCodes.Call, runtime.BodyToken(tokenType, tokenSource)));
            }
            else
            {
                prologue.Add(Instruction.Create(OpCodes.Call, runtime.NoneToken(tokenType)));
            }

            prologue.Add(Instruction.Create(OpCodes.Starg, token.Parameter));
        }

        prologue.Add(Instruction.Create(OpCodes.Ldsfld, operation));
        prologue.Add(Instruction.Create(OpCodes.Call, runtime.StartSpan));
        prologue.Add(Instruction.Create(OpCodes.Stloc, span));

        var bodyStart = body.Instructions[0];
        IlEditor.InsertAtStart(body, prologue);

        var handOver = runtime.Shield(target.StateMachine is null ? HandOver.Returned : HandOver.Started, target.Shape, tokenSource);
        Instruction[] HandOverArguments() =>
        [
            Instruction.Create(OpCodes.Ldloc, callerTokens),
            Instruction.Create(OpCodes.Ldsfld, operation),
            LoadDeadline(),
            Instruction.Create(OpCodes.Ldloc, span),
            Instruction.Create(OpCodes.Call, handOver),
        ];

        if (target.StateMachine is null)
        {
            // Only a method that is not a state machine can throw instead of returning a task: a kickoff's
            // builder.Start puts what the body throws into the task.
            ThrowGuard.WrapBody(body, bodyStart, [LoadDeadline(), Instruction.Create(OpCodes.Ldloc, span), Instruction.Create(OpCodes.Call, runtime.Threw(tokenSource))], HandOverArguments(), runtime.Exception);
        }
        else
        {
            foreach (var ret in body.Instructions.Where(i => i.OpCode.Code == Code.Ret).ToList())
            {
                IlEditor.Prepend(body, ret, HandOverArguments());
            }
        }

        IlEditor.WidenBranchesOutOfReach(body);
    }
}
