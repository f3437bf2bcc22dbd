using Shield.Fody.Diagnostics;
using Shield.Fody.Model;

namespace Shield.Fody.Selection;

/// <summary>
/// The rules a method must meet to be shielded, in one place: an explicit [Shield] that breaks one gets the
/// diagnostic, while a [Shield] type or an Include pattern simply passes the method over.
/// </summary>
internal static class Shieldability
{
    /// <summary>Returns what stops the method from being shielded, or null when nothing does.</summary>
    public static Diagnostic? Check(MethodDefinition method, string operation, int timeoutMilliseconds)
    {
        if (timeoutMilliseconds < 0)
        {
            return new(ShieldDiagnostics.NegativeTimeout,
                $"{operation} sets TimeoutMilliseconds = {timeoutMilliseconds}; a deadline must be zero (none) or a positive number of milliseconds.",
                method.FirstVisibleSequencePoint());
        }

        if (!method.HasBody)
        {
            return new(ShieldDiagnostics.NoBody,
                $"{operation} has no body (it is abstract, extern or an interface member), so there is nothing to weave. Put [Shield] on the implementation instead.",
                method.FirstVisibleSequencePoint());
        }

        var isAsync = method.GetAsyncStateMachineType() != null;
        if (isAsync && method.ReturnType.MetadataType == MetadataType.Void)
        {
            return new(ShieldDiagnostics.AsyncVoid,
                $"{operation} is async void, so there is no task to hand its caller. Return Task instead.",
                method.FirstVisibleSequencePoint());
        }

        if (method.IsAsyncIterator())
        {
            return new(ShieldDiagnostics.UnsupportedReturnType,
                $"{operation} is an async iterator returning {TypeNames.Readable(method.ReturnType)}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Remove [Shield].",
                method.FirstVisibleSequencePoint());
        }

        if (TaskShape.Of(method.ReturnType) is null)
        {
            return new(ShieldDiagnostics.UnsupportedReturnType,
                $"{operation} returns {TypeNames.Readable(method.ReturnType)}; Shield only proxies Task, Task<T>, ValueTask and ValueTask<T>. Change the return type or remove [Shield].",
                method.FirstVisibleSequencePoint());
        }

        var byRef = method.Parameters.FirstOrDefault(p => p.IsByRefToken());
        if (byRef != null)
        {
            return new(ShieldDiagnostics.ByRefToken,
                $"{operation} takes CancellationToken '{byRef.Name}' by reference (ref, out or in), so the body cannot be given its own token. Pass the token by value.",
                method.FirstVisibleSequencePoint());
        }

        if (!method.Parameters.Any(p => p.ParameterType.IsTokenType()))
        {
            return timeoutMilliseconds > 0
                ? new(ShieldDiagnostics.TimeoutWithoutToken,
                    $"{operation} sets TimeoutMilliseconds but has no CancellationToken or CancellationToken? parameter to carry the deadline; the method is left as compiled. Add a token parameter or remove the timeout.",
                    method.FirstVisibleSequencePoint())
                : new(ShieldDiagnostics.NoTokenParameter,
                    $"{operation} has no CancellationToken or CancellationToken? parameter, so there is nothing to shield; the method is left as compiled. Add a token parameter or remove [Shield].",
                    method.FirstVisibleSequencePoint());
        }

        return null;
    }

    /// <summary>
    /// True for what a [Shield] type or an Include pattern selects: async (or runtime-async) methods returning one
    /// of the four task types, with a token parameter, declared by the user (not a lambda or local function).
    /// </summary>
    public static bool IsImplicitlySelectable(MethodDefinition method) =>
        !method.IsCompilerGenerated() &&
        (method.GetAsyncStateMachineType() != null || method.IsRuntimeAsync()) &&
        TaskShape.Of(method.ReturnType) != null &&
        method.Parameters.Any(p => p.ParameterType.IsTokenType());
}
