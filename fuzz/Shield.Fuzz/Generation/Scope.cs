namespace Shield.Fuzz.Generation;

/// <summary>Where a statement is written: what C# allows there, and what the feature counts want to know.</summary>
/// <param name="Tokens">The token expressions the code may use: parameters by name, or other expressions.</param>
/// <param name="ReturnValue">What <c>return</c> returns here; null in a body that returns nothing.</param>
/// <param name="CanReturn">False inside a finally block.</param>
/// <param name="CanLeaveLoop">True inside a loop, unless a finally block lies between.</param>
/// <param name="CanRethrow">True directly inside a catch block.</param>
public sealed record Scope(
    IReadOnlyList<TokenExpression> Tokens,
    string? ReturnValue,
    int Depth = 0,
    bool CanReturn = true,
    bool CanLeaveLoop = false,
    bool CanRethrow = false,
    bool InLoop = false,
    bool InTry = false,
    bool InCatch = false,
    bool InFinally = false,
    bool InSwitch = false,
    bool InClosure = false)
{
    /// <summary>A lambda or local function body: none of the enclosing statement's context applies.</summary>
    public Scope Closure(IReadOnlyList<TokenExpression> tokens) =>
        new(tokens, "acc", Depth + 1, InClosure: true);
}

/// <summary>A token the body can pass on: <paramref name="Code"/> is how it is written.</summary>
/// <param name="Parameter">The token parameter it reads, if any.</param>
public sealed record TokenExpression(string Code, string? Parameter);

/// <summary>Writes the statements of a nested block: the statement writers call back into the body generator.</summary>
public delegate void WriteBlock(Scope scope, int maxStatements);
