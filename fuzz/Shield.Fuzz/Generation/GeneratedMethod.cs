namespace Shield.Fuzz.Generation;

/// <summary>What a shielded method returns.</summary>
public enum ReturnKind
{
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>The type of a generic method's or type's argument, as the harness instantiates it.</summary>
public enum GenericArgument
{
    None,
    Int,
    String,
}

/// <summary>Where the method lives and how the harness reaches it.</summary>
public enum Receiver
{
    Static,
    Class,
    Struct,
    GenericType,
}

/// <summary>One parameter of a generated method, as the harness fills it.</summary>
public enum ParameterKind
{
    /// <summary>The <c>StepLog</c> the body records its steps in.</summary>
    Log,

    /// <summary>An int the body starts its accumulator from.</summary>
    Number,

    /// <summary>A value of the generic argument.</summary>
    GenericValue,

    /// <summary>A <c>CancellationToken</c>.</summary>
    Token,

    /// <summary>A <c>CancellationToken?</c>.</summary>
    NullableToken,
}

/// <param name="Kind">How the harness fills it.</param>
/// <param name="GetsCallerToken">For token parameters: true when the cancelable runs pass the caller's token here.</param>
/// <param name="GetsOtherToken">For the other token parameters: true when the cancelable runs pass a second
/// cancelable token here, one the caller never cancels (else they get none).</param>
public sealed record ParameterSpec(ParameterKind Kind, bool GetsCallerToken = false, bool GetsOtherToken = false)
{
    public bool IsToken => Kind is ParameterKind.Token or ParameterKind.NullableToken;
}

/// <summary>
/// One generated method: its C# source (a type holding the shielded method, named after its index), what the
/// harness needs to call it, and the generator features it uses.
/// </summary>
/// <param name="Index">Its position in the campaign; with the campaign seed it determines everything else.</param>
/// <param name="Seed">The seed its own random choices came from.</param>
/// <param name="TypeName">The type that declares it, in namespace <c>Fuzz</c> (with its arity when generic).</param>
/// <param name="Number">The value the harness passes to its Number parameter.</param>
/// <param name="NullForNoToken">True when a run without a caller token passes null (not default) to a <c>CancellationToken?</c>.</param>
/// <param name="SynchronousPauses">Which pauses complete synchronously (see <c>PausePlan</c>).</param>
/// <param name="GateChoice">Picks the pause at which the caller cancels, among those the body reaches.</param>
public sealed record GeneratedMethod(
    int Index,
    int Seed,
    string TypeName,
    Receiver Receiver,
    bool IsGenericMethod,
    GenericArgument GenericArgument,
    ReturnKind ReturnKind,
    IReadOnlyList<ParameterSpec> Parameters,
    int Number,
    bool NullForNoToken,
    ulong SynchronousPauses,
    int GateChoice,
    string Source,
    IReadOnlySet<string> Features)
{
    public const string Namespace = "Fuzz";
    public const string MethodName = "Run";

    /// <summary>Where the callees of call-site methods live, in the batch's second assembly, which is never woven.</summary>
    public const string CalleeNamespace = Namespace + ".Callees";

    /// <summary>
    /// For a call-site method: the type with the body, compiled into the callee assembly; <see cref="Source"/> is then
    /// an unmarked method of the same signature that calls it, which the batch's Calls pattern shields.
    /// </summary>
    public string? CalleeSource { get; init; }

    public bool HasResult => ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT;
}
