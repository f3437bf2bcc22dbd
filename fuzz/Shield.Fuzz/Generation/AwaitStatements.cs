namespace Shield.Fuzz.Generation;

/// <summary>Awaits of pauses, completed tasks and custom awaitables, alone or inside expressions.</summary>
public static class AwaitStatements
{
    public static void Pause(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.Pause);
        var token = c.Token(scope);
        switch (c.Random.Next(8))
        {
            case 0:
                w.Line($"await log.Pause({token});");
                break;
            case 7:
                c.Features.Add(Feature.CustomAwaiter);
                w.Line($"acc += await new StepAwaitable(log.PauseFor({c.Small()}, {token}));");
                break;
            case 1:
            case 2:
                w.Line($"acc += await log.PauseFor({c.Small()}, {token});");
                break;
            case 3:
                c.Features.Add(Feature.ConfigureAwait);
                w.Line(c.Random.Next(2) == 0
                    ? $"await log.Pause({token}).ConfigureAwait(false);"
                    : $"acc += await log.PauseFor({c.Small()}, {token}).ConfigureAwait(false);");
                break;
            case 4:
                c.Features.Add(Feature.PauseValueTask);
                w.Line($"acc += await new ValueTask<int>(log.PauseFor({c.Small()}, {token}));");
                break;
            case 5:
                c.Features.Add(Feature.PauseValueTask);
                w.Line($"await new ValueTask(log.Pause({token}));");
                break;
            default:
                c.Features.Add(Feature.StartedBeforeAwait);
                var started = c.Name("p");
                w.Line($"var {started} = log.PauseFor({c.Small()}, {token});");
                w.Line($"log.Step(\"{c.Name("s")} started\");");
                w.Line($"acc += await {started};");
                break;
        }
    }

    public static void CompletedAwait(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.CompletedAwait);
        w.Line(c.Random.Next(5) switch
        {
            0 => "await Task.CompletedTask;",
            1 => $"acc += await Task.FromResult({c.Small()});",
            2 => $"acc += await new ValueTask<int>({c.Small()});",
            3 => "await new ValueTask();",
            _ => $"acc += await Task.FromResult({c.Small()}).ConfigureAwait(false);",
        });
    }

    public static void Yield(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.Yield);
        w.Line("await Task.Yield();");
    }

    public static void TernaryAwait(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.TernaryAwait);
        var condition = c.Condition();
        w.Line(c.Random.Next(3) switch
        {
            0 => $"acc += await ({condition} ? log.PauseFor({c.Small()}, {c.Token(scope)}) : Task.FromResult({c.Small()}));",
            1 => $"await ({condition} ? log.Pause({c.Token(scope)}) : Task.CompletedTask);",
            _ => $"acc += await ({condition} ? log.PauseFor({c.Small()}, {c.Token(scope)}) : log.PauseFor({c.Small()}, {c.Token(scope)}));",
        });
    }

    public static void NullConditionalAwait(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.NullConditionalAwait);
        switch (c.Random.Next(3))
        {
            case 0:
                w.Line($"acc += await (log.Maybe({c.Condition()})?.PauseFor({c.Small()}, {c.Token(scope)}) ?? Task.FromResult({c.Small()}));");
                break;
            case 1 when c.Random.Next(3) == 0:
                // The log is sometimes null here: awaiting the null task throws NullReferenceException.
                c.Features.Add(Feature.NullReference);
                w.Line($"await log.Maybe({c.Condition()})?.Pause({c.Token(scope)});");
                break;
            default:
                w.Line($"await log.Maybe(true)?.Pause({c.Token(scope)});");
                break;
        }
    }

    public static void SwitchExpressionAwait(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.SwitchExpressionAwait);
        w.Line($"acc += await ((acc % 3) switch {{ 0 => log.PauseFor({c.Small()}, {c.Token(scope)}), 1 => Task.FromResult({c.Small()}), _ => new ValueTask<int>(log.PauseFor({c.Small()}, {c.Token(scope)})).AsTask() }});");
    }

    /// <summary>Awaits in the middle of an expression, which the compiler spills into state machine fields.</summary>
    public static void AwaitInExpression(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Awaiting(scope);
        c.Features.Add(Feature.AwaitInExpression);
        var pause = $"await log.PauseFor({c.Small()}, {c.Token(scope)})";
        switch (c.Random.Next(c.HasInstanceState && !scope.InClosure ? 6 : 5))
        {
            case 0:
                w.Line($"acc = Math.Max(acc, {pause}) + await Task.FromResult({c.Small()});");
                break;
            case 1:
                w.Line($"acc += {c.Condition()} ? {pause} : await new ValueTask<int>({c.Small()});");
                break;
            case 2:
                w.Line($"log.Step($\"{c.Name("s")} {{acc}} {{{pause}}}\");");
                break;
            case 3:
                w.Line($"acc += new[] {{ {pause}, acc, await Task.FromResult({c.Small()}) }}[acc % 3];");
                break;
            case 4:
                w.Line($"acc += (acc % 2) switch {{ 0 => {pause}, _ => {c.Small()} }};");
                break;
            default:
                c.Features.Add(Feature.InstanceState);
                w.Line($"_state += {pause};");
                w.Line($"log.Step(\"{c.Name("s")} state \" + _state);");
                break;
        }
    }
}
