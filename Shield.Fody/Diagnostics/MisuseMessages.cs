namespace Shield.Fody.Diagnostics;

/// <summary>
/// The wording of the misuses that source shows as well as compiled code, as composite formats whose <c>{0}</c> is
/// the operation name. The weaver fills them from metadata, the design-time analyzer (which links this file) from
/// symbols, so both say the same words.
/// </summary>
internal static class MisuseMessages
{
    public const string AsyncVoid = "{0} is async void, so there is no task to hand its caller. Return Task instead.";

    /// <summary><c>{1}</c>: the return type.</summary>
    public const string UnsupportedReturnType = "{0} returns {1}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Change the return type or remove [Shield].";

    /// <summary>SHIELD002 for an async iterator, where changing the return type means rewriting the method; <c>{1}</c>: the return type.</summary>
    public const string AsyncIterator = "{0} is an async iterator returning {1}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Remove [Shield].";

    public const string NoBody = "{0} has no body (it is abstract, extern or an interface member), so there is nothing to weave. Put [Shield] on the implementation instead.";

    /// <summary><c>{1}</c>: the parameter's name.</summary>
    public const string ByRefToken = "{0} takes CancellationToken '{1}' by reference (ref, out or in), so the body cannot be given its own token. Pass the token by value.";

    public const string NoTokenParameter = "{0} has no CancellationToken or CancellationToken? parameter, so there is nothing to shield; the method is left as compiled. Add a token parameter or remove [Shield].";

    public const string TimeoutWithoutToken = "{0} sets TimeoutMilliseconds but has no CancellationToken or CancellationToken? parameter to carry the deadline; the method is left as compiled. Add a token parameter or remove the timeout.";

    /// <summary><c>{0}</c>: the type's path.</summary>
    public const string TypeWithoutTargets = "{0} carries [Shield] but declares no async method returning Task, Task<T>, ValueTask or ValueTask<T> with a CancellationToken parameter, so nothing in it is shielded. Remove [Shield] or add a token parameter.";

    /// <summary><c>{1}</c>: the builder type.</summary>
    public const string CustomBuilder = "{0} is built by the custom async method builder {1}; Shield only proxies the standard builders of Task, Task<T>, ValueTask and ValueTask<T>. Remove [AsyncMethodBuilder] or [Shield].";

    /// <summary><c>{1}</c>: the timeout.</summary>
    public const string NegativeTimeout = "{0} sets TimeoutMilliseconds = {1}; a deadline must be zero (none) or a positive number of milliseconds.";
}
