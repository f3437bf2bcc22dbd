namespace Shield.Fuzz.Generation;

/// <summary>What a body does with a token besides passing it to a pause.</summary>
public static class TokenStatements
{
    public static void TokenCheck(GenerationContext c, CodeWriter w, Scope scope)
    {
        if (c.Random.Next(2) == 0)
        {
            c.Features.Add(Feature.ThrowIfCancellationRequested);
            w.Line($"{c.Token(scope)}.ThrowIfCancellationRequested();");
        }
        else
        {
            c.Features.Add(Feature.IsCancellationRequested);
            w.Line($"if ({c.Token(scope)}.IsCancellationRequested) log.Step(\"{c.Name("s")} canceled\");");
        }
    }

    public static void CancelCaller(GenerationContext c, CodeWriter w)
    {
        c.Features.Add(Feature.CanceledWhileRunning);
        w.Line("log.CancelCaller();");
    }

    public static void TaskRun(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.TokenToTaskRun);
        w.Line($"acc += await Task.Run(() => acc % 7 + 1, {c.Token(scope)});");
    }

    public static void Registration(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.TokenRegistration);
        w.Line($"using ({c.Token(scope)}.Register(() => log.Step(\"{c.Name("g")} fired\")))");
        w.Block(() => block(scope with { Depth = scope.Depth + 1 }, 3));
    }

    public static void LinkedSource(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.LinkedTokenSource);
        var source = c.Name("l");
        w.Line($"using (var {source} = CancellationTokenSource.CreateLinkedTokenSource({c.Token(scope)}))");
        w.Block(() =>
        {
            var inner = scope with { Depth = scope.Depth + 1, Tokens = [.. scope.Tokens, new TokenExpression($"{source}.Token", null)] };
            c.Awaiting(scope);
            w.Line($"acc += await log.PauseFor({c.Small()}, {source}.Token);");
            block(inner, 2);
        });
    }
}
