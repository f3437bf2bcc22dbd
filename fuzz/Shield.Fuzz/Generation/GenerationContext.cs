using System.Globalization;

namespace Shield.Fuzz.Generation;

/// <summary>
/// What every statement writer of one body shares: the random source, the features used so far, fresh names, and
/// the small choices all statements make (a token to pass, a condition on <c>acc</c>, a small number).
/// </summary>
public sealed class GenerationContext(Random random, ISet<string> features, bool hasInstanceState)
{
    readonly HashSet<string> _usedTokens = [];
    int _names;

    public Random Random => random;

    public ISet<string> Features => features;

    /// <summary>True in an instance method, whose type has an <c>int _state</c> field.</summary>
    public bool HasInstanceState => hasInstanceState;

    /// <summary>The token parameters the body read, by name.</summary>
    public IReadOnlySet<string> UsedTokens => _usedTokens;

    /// <summary>A name no other local or function of the body has.</summary>
    public string Name(string prefix) => $"{prefix}{++_names}";

    public string Small() => random.Next(1, 10).ToString(CultureInfo.InvariantCulture);

    /// <summary>A condition on <c>acc</c> that holds for some values and not others.</summary>
    public string Condition() => $"acc % {random.Next(2, 6)} == {random.Next(0, 2)}";

    /// <summary>A token to pass on: one the scope has, or now and then <c>CancellationToken.None</c>.</summary>
    public string Token(Scope scope)
    {
        if (random.Next(12) == 0)
        {
            features.Add(Feature.NoneToken);
            return "CancellationToken.None";
        }

        var token = scope.Tokens[random.Next(scope.Tokens.Count)];
        if (token.Parameter != null)
        {
            _usedTokens.Add(token.Parameter);
        }

        return token.Code;
    }

    /// <summary>Counts what surrounds an await the body is about to write.</summary>
    public void Awaiting(Scope scope)
    {
        if (scope.InLoop)
        {
            features.Add(Feature.AwaitInLoop);
        }

        if (scope.InTry)
        {
            features.Add(Feature.AwaitInTry);
        }

        if (scope.InCatch)
        {
            features.Add(Feature.AwaitInCatch);
        }

        if (scope.InFinally)
        {
            features.Add(Feature.AwaitInFinally);
        }

        if (scope.InSwitch)
        {
            features.Add(Feature.AwaitInSwitch);
        }
    }

    public T Pick<T>(IReadOnlyList<(int Weight, T Value)> choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, value) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        throw new InvalidOperationException("The weights cover every roll.");
    }
}
