namespace Shield.Fuzz.Generation;

/// <summary>Lambdas and local functions that capture the token, with or without [Shield] of their own.</summary>
public static class ClosureStatements
{
    public static void Lambda(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.TokenInLambda);
        var name = c.Name("f");
        var inner = scope.Closure(scope.Tokens);
        w.Line($"Func<Task<int>> {name} = async () =>");
        w.Block(() =>
        {
            AwaitStatements.Pause(c, w, inner);
            block(inner, 3);
            w.Line("return acc;");
        }, ";");
        c.Awaiting(scope);
        w.Line($"acc += await {name}();");
    }

    public static void LocalFunction(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.TokenInLocalFunction);
        var name = c.Name("Local");
        var inner = scope.Closure(scope.Tokens);
        w.Line($"async Task<int> {name}(int k)");
        w.Block(() =>
        {
            AwaitStatements.Pause(c, w, inner);
            block(inner, 3);
            w.Line("return k + acc % 5;");
        });
        c.Awaiting(scope);
        w.Line($"acc += await {name}(acc);");
    }

    public static void ShieldedLocalFunction(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.ShieldedLocalFunction);
        var name = c.Name("Shielded");
        var token = c.Name("lt");
        var inner = scope.Closure([new TokenExpression(token, null)]);
        w.Line("[Shield]");
        w.Line($"async Task<int> {name}(int k, CancellationToken {token})");
        w.Block(() =>
        {
            AwaitStatements.Pause(c, w, inner);
            block(inner, 3);
            w.Line("return k + acc % 5;");
        });
        c.Awaiting(scope);
        w.Line($"acc += await {name}(acc, {c.Token(scope)});");
    }

    public static void ShieldedLambda(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Features.Add(Feature.ShieldedLambda);
        var name = c.Name("f");
        var token = c.Name("lt");
        var inner = scope.Closure([new TokenExpression(token, null)]);
        w.Line($"Func<int, CancellationToken, Task<int>> {name} = [Shield] async (int k, CancellationToken {token}) =>");
        w.Block(() =>
        {
            AwaitStatements.Pause(c, w, inner);
            block(inner, 3);
            w.Line("return k + acc % 5;");
        }, ";");
        c.Awaiting(scope);
        w.Line($"acc += await {name}(acc, {c.Token(scope)});");
    }
}
