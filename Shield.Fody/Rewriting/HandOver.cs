namespace Shield.Fody.Rewriting;

/// <summary>The runtime method a woven method returns through, which decides what its caller receives.</summary>
internal enum HandOver
{
    /// <summary>The method started a state machine, whose MoveNext reports how the body ends.</summary>
    Started,

    /// <summary>Any other method: the runtime follows the task it returned.</summary>
    Returned,
}
