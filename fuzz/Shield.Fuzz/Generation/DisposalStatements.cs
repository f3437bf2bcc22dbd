namespace Shield.Fuzz.Generation;

/// <summary>using and await using, as blocks and declarations.</summary>
public static class DisposalStatements
{
    public static void Using(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        var resource = $"log.Resource(\"{c.Name("u")}\")";
        if (c.Random.Next(3) == 0)
        {
            c.Features.Add(Feature.UsingDeclaration);
            w.Line($"using var {c.Name("r")} = {resource};");
            return;
        }

        c.Features.Add(Feature.Using);
        w.Line($"using ({resource})");
        w.Block(() => block(scope with { Depth = scope.Depth + 1 }, 3));
    }

    public static void AwaitUsing(GenerationContext c, CodeWriter w, Scope scope, WriteBlock block)
    {
        c.Awaiting(scope);
        var resource = $"new AsyncScope(log, \"{c.Name("a")}\", {c.Token(scope)})";
        if (c.Random.Next(3) == 0)
        {
            c.Features.Add(Feature.AwaitUsingDeclaration);
            w.Line($"await using var {c.Name("r")} = {resource};");
            return;
        }

        c.Features.Add(Feature.AwaitUsing);
        w.Line($"await using ({resource})");
        w.Block(() => block(scope with { Depth = scope.Depth + 1 }, 3));
    }
}
