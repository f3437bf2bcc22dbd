namespace Shield.Fuzz.Generation;

/// <summary>Branches, loops, switches, try blocks, returns and throws, with blocks written by the caller.</summary>
public static class ControlFlowStatements
{
    static readonly string[] ThrownTypes =
        ["InvalidOperationException", "ArgumentException", "FormatException", "NotSupportedException", "TimeoutException", "OperationCanceledException"];

    static readonly string[] CaughtTypes = ["InvalidOperationException", "ArgumentException", "OperationCanceledException"];

    public static void If(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.If);
        var inner = scope with { Depth = scope.Depth + 1 };
        w.Line($"if ({c.Condition()})");
        w.Block(() => block(inner, 3));
        if (c.Random.Next(2) == 0)
        {
            w.Line("else");
            w.Block(() => block(inner, 3));
        }
    }

    public static void Loop(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        var inner = scope with { Depth = scope.Depth + 1, InLoop = true, CanLeaveLoop = true };
        var count = c.Random.Next(1, 4);
        switch (c.Random.Next(5))
        {
            case 4:
                c.Features.Add(Feature.AwaitForeach);
                c.Awaiting(scope);
                var element = c.Name("x");
                var items = c.Random.Next(3) switch
                {
                    0 => $"AsyncSource.Items(log, {count}, {c.Token(scope)})",
                    1 => $"AsyncSource.Items(log, {count}).WithCancellation({c.Token(scope)})",
                    _ => $"AsyncSource.Items(log, {count}, {c.Token(scope)}).ConfigureAwait(false)",
                };
                w.Line($"await foreach (var {element} in {items})");
                w.Block(() =>
                {
                    w.Line($"acc += {element};");
                    block(inner, 3);
                });
                break;
            case 0:
                c.Features.Add(Feature.ForLoop);
                var i = c.Name("i");
                w.Line($"for (var {i} = 0; {i} < {count}; {i}++)");
                w.Block(() => block(inner, 3));
                break;
            case 1:
                c.Features.Add(Feature.WhileLoop);
                var counter = c.Name("w");
                w.Line($"var {counter} = 0;");
                w.Line($"while ({counter} < {count})");
                w.Block(() =>
                {
                    // Counted first, so that a continue cannot loop forever.
                    w.Line($"{counter}++;");
                    block(inner, 3);
                });
                break;
            case 2:
                c.Features.Add(Feature.DoLoop);
                var round = c.Name("d");
                w.Line($"var {round} = 0;");
                w.Line("do");
                w.Block(() =>
                {
                    w.Line($"{round}++;");
                    block(inner, 3);
                }, $" while ({round} < {count});");
                break;
            default:
                c.Features.Add(Feature.ForeachLoop);
                var item = c.Name("x");
                w.Line($"foreach (var {item} in new[] {{ {string.Join(", ", Enumerable.Range(1, count).Select(_ => c.Small()))} }})");
                w.Block(() =>
                {
                    w.Line($"acc += {item};");
                    block(inner, 3);
                });
                break;
        }
    }

    public static void BreakOrContinue(GenerationContext c, CodeWriter w)
    {
        c.Features.Add(Feature.BreakOrContinue);
        w.Line($"if ({c.Condition()}) {(c.Random.Next(2) == 0 ? "break" : "continue")};");
    }

    public static void Switch(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.Switch);
        var inner = scope with { Depth = scope.Depth + 1, InSwitch = true };
        var sections = c.Random.Next(2, 4);
        w.Line($"switch (acc % {sections + 1})");
        w.Block(() =>
        {
            for (var i = 0; i < sections; i++)
            {
                w.Line(i == sections - 1 ? "default:" : $"case {i}:");
                w.Block(() => block(inner, 2));
                w.Line("break;");
            }
        });
    }

    public static void Try(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        var shape = c.Random.Next(3);
        var hasCatch = shape != 1;
        var hasFinally = shape != 0;
        c.Features.Add(hasCatch ? Feature.TryCatch : Feature.TryFinally);
        if (hasCatch && hasFinally)
        {
            c.Features.Add(Feature.TryFinally);
        }

        var depth = scope.Depth + 1;
        w.Line("try");
        w.Block(() => block(scope with { Depth = depth, InTry = true }, 4));
        if (hasCatch)
        {
            var types = CaughtTypes.Where(_ => c.Random.Next(3) == 0).ToList();
            if (types.Count == 0 || c.Random.Next(2) == 0)
            {
                types.Add("Exception");
            }

            foreach (var type in types)
            {
                var exception = c.Name("e");
                var filter = "";
                if (c.Random.Next(4) == 0)
                {
                    c.Features.Add(Feature.CatchFilter);
                    // A filter runs before the finally blocks between the throw and the catch: its step shows the order.
                    filter = c.Random.Next(3) switch
                    {
                        0 => $" when ({exception}.Message.Length % 2 == 0)",
                        1 => $" when (log.StepIn(\"{c.Name("w")} \" + {exception}.Message) && {c.Condition()})",
                        _ => $" when ({c.Condition()})",
                    };
                }

                w.Line($"catch ({type} {exception}){filter}");
                w.Block(() =>
                {
                    w.Line($"log.Step(\"{c.Name("c")} \" + {exception}.GetType().Name + \": \" + {exception}.Message);");
                    block(scope with { Depth = depth, InCatch = true, CanRethrow = true }, 3);
                });
            }
        }

        if (hasFinally)
        {
            w.Line("finally");
            w.Block(() =>
            {
                w.Line($"log.Step(\"{c.Name("f")} \" + acc);");
                block(scope with { Depth = depth, InFinally = true, CanReturn = false, CanLeaveLoop = false, CanRethrow = false }, 3);
            });
        }
    }

    public static void Rethrow(GenerationContext c, CodeWriter w)
    {
        c.Features.Add(Feature.Rethrow);
        w.Line($"if ({c.Condition()}) throw;");
    }

    public static void EarlyReturn(GenerationContext c, CodeWriter w, Scope scope)
    {
        c.Features.Add(Feature.EarlyReturn);
        w.Line($"if ({c.Condition()}) return{(scope.ReturnValue is null ? "" : " " + scope.ReturnValue)};");
    }

    public static void ConditionalThrow(GenerationContext c, CodeWriter w)
    {
        c.Features.Add(Feature.Throw);
        var type = ThrownTypes[c.Random.Next(ThrownTypes.Length)];
        if (type == "OperationCanceledException")
        {
            c.Features.Add(Feature.ThrowCanceled);
        }

        var message = $"\"{c.Name("t")} \" + acc";
        w.Line(c.Random.Next(6) == 0
            ? $"throw new {type}({message});"
            : $"if ({c.Condition()}) throw new {type}({message});");
    }
}
