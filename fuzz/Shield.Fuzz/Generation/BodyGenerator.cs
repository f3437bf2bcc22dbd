namespace Shield.Fuzz.Generation;

/// <summary>
/// Writes the statements of one generated body: random, always compilable, deterministic for a given
/// <see cref="Random"/>. Every side effect is a step in the <c>StepLog log</c> parameter, every suspension a pause
/// the harness controls (or <c>Task.Yield</c>), and the int local <c>acc</c> carries values through the body so that
/// results and logs depend on what ran. It picks each statement by weight among those C# allows where it stands;
/// the statement writers (<see cref="AwaitStatements"/>, <see cref="ControlFlowStatements"/>,
/// <see cref="DisposalStatements"/>, <see cref="TokenStatements"/>, <see cref="ClosureStatements"/>) write them.
/// </summary>
public sealed class BodyGenerator
{
    readonly GenerationContext _context;
    readonly bool _hasGenericValue;
    int _budget;

    public BodyGenerator(Random random, ISet<string> features, bool hasInstanceState, bool hasGenericValue)
    {
        _context = new GenerationContext(random, features, hasInstanceState);
        _hasGenericValue = hasGenericValue;
        _budget = random.Next(6, 30);
    }

    /// <summary>The token parameters the body read, by name.</summary>
    public IReadOnlySet<string> UsedTokens => _context.UsedTokens;

    /// <summary>Writes statements until the budget for this block runs out.</summary>
    public void Statements(CodeWriter w, Scope scope, int max)
    {
        var count = _context.Random.Next(1, max + 1);
        for (var i = 0; i < count && _budget > 0; i++)
        {
            Statement(w, scope);
        }
    }

    void Statement(CodeWriter w, Scope scope)
    {
        _budget--;
        var c = _context;
        WriteBlock block = (inner, max) => Statements(w, inner, max);
        var nested = scope.Depth < 3 && _budget > 2;
        var choices = new List<(int Weight, Action Write)>
        {
            (8, () => w.Line($"log.Step(\"{c.Name("s")} \" + acc);")),
            (14, () => AwaitStatements.Pause(c, w, scope)),
            (4, () => AwaitStatements.CompletedAwait(c, w, scope)),
            (2, () => AwaitStatements.Yield(c, w, scope)),
            (3, () => AwaitStatements.TernaryAwait(c, w, scope)),
            (2, () => AwaitStatements.NullConditionalAwait(c, w, scope)),
            (2, () => AwaitStatements.SwitchExpressionAwait(c, w, scope)),
            (3, () => AwaitStatements.AwaitInExpression(c, w, scope)),
            (4, () => ControlFlowStatements.ConditionalThrow(c, w)),
            (2, () => TokenStatements.TokenCheck(c, w, scope)),
            (1, () => TokenStatements.TaskRun(c, w, scope)),
            (1, () => TokenStatements.CancelCaller(c, w)),
        };

        if (nested)
        {
            choices.Add((5, () => ControlFlowStatements.If(c, w, scope, block)));
            choices.Add((7, () => ControlFlowStatements.Loop(c, w, scope, block)));
            choices.Add((3, () => ControlFlowStatements.Switch(c, w, scope, block)));
            choices.Add((9, () => ControlFlowStatements.Try(c, w, scope, block)));
            choices.Add((5, () => DisposalStatements.Using(c, w, scope, block)));
            choices.Add((3, () => DisposalStatements.AwaitUsing(c, w, scope, block)));
            choices.Add((2, () => TokenStatements.Registration(c, w, scope, block)));
            choices.Add((2, () => TokenStatements.LinkedSource(c, w, scope, block)));
        }

        if (nested && scope.Depth < 2)
        {
            choices.Add((2, () => ClosureStatements.Lambda(c, w, scope, block)));
            choices.Add((2, () => ClosureStatements.LocalFunction(c, w, scope, block)));
            choices.Add((1, () => ClosureStatements.ShieldedLocalFunction(c, w, scope, block)));
            choices.Add((1, () => ClosureStatements.ShieldedLambda(c, w, scope, block)));
        }

        if (scope.CanReturn)
        {
            choices.Add((2, () => ControlFlowStatements.EarlyReturn(c, w, scope)));
        }

        if (scope.CanLeaveLoop)
        {
            choices.Add((3, () => ControlFlowStatements.BreakOrContinue(c, w)));
        }

        if (scope.CanRethrow)
        {
            choices.Add((3, () => ControlFlowStatements.Rethrow(c, w)));
        }

        if (c.HasInstanceState && !scope.InClosure)
        {
            choices.Add((2, () => InstanceState(w)));
        }

        if (_hasGenericValue)
        {
            choices.Add((2, () => w.Line($"log.Step(\"{c.Name("s")} value \" + value);")));
        }

        c.Pick(choices)();
    }

    void InstanceState(CodeWriter w)
    {
        _context.Features.Add(Feature.InstanceState);
        w.Line($"_state += acc % 3 + 1;");
        w.Line($"log.Step(\"{_context.Name("s")} state \" + _state);");
    }
}
