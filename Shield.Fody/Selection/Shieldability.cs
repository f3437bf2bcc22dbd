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
        Diagnostic Report(DiagnosticDescriptor descriptor, string format, params object[] details) =>
            Diagnostic.Misuse(descriptor, method.FirstVisibleSequencePoint(), format, [operation, .. details]);

        if (timeoutMilliseconds < 0)
        {
            return Report(ShieldDiagnostics.NegativeTimeout, MisuseMessages.NegativeTimeout, timeoutMilliseconds);
        }

        if (!method.HasBody)
        {
            return Report(ShieldDiagnostics.NoBody, MisuseMessages.NoBody);
        }

        var isAsync = method.GetAsyncStateMachineType() != null;
        if (isAsync && method.ReturnType.MetadataType == MetadataType.Void)
        {
            return Report(ShieldDiagnostics.AsyncVoid, MisuseMessages.AsyncVoid);
        }

        if (method.IsAsyncIterator())
        {
            return Report(ShieldDiagnostics.UnsupportedReturnType, MisuseMessages.AsyncIterator, TypeNames.Readable(method.ReturnType));
        }

        if (TaskShape.Of(method.ReturnType) is null)
        {
            return Report(ShieldDiagnostics.UnsupportedReturnType, MisuseMessages.UnsupportedReturnType, TypeNames.Readable(method.ReturnType));
        }

        var byRef = method.Parameters.FirstOrDefault(p => p.IsByRefToken());
        if (byRef != null)
        {
            return Report(ShieldDiagnostics.ByRefToken, MisuseMessages.ByRefToken, byRef.Name);
        }

        if (!method.Parameters.Any(p => p.ParameterType.IsTokenType()))
        {
            return timeoutMilliseconds > 0
                ? Report(ShieldDiagnostics.TimeoutWithoutToken, MisuseMessages.TimeoutWithoutToken)
                : Report(ShieldDiagnostics.NoTokenParameter, MisuseMessages.NoTokenParameter);
        }

        return null;
    }

    /// <summary>
    /// True for what a [Shield] type or an Include pattern selects: async (or runtime-async) methods returning one
    /// of the four task types, with a token parameter, declared by the user (not a lambda or local function). In F#,
    /// whose <c>task { }</c> members are not async in IL, every such member of the type, async or not.
    /// </summary>
    public static bool IsImplicitlySelectable(MethodDefinition method) =>
        !method.IsCompilerGenerated() &&
        (method.GetAsyncStateMachineType() != null || method.IsRuntimeAsync() || IsFSharpMember(method)) &&
        TaskShape.Of(method.ReturnType) != null &&
        method.Parameters.Any(p => p.ParameterType.IsTokenType());

    /// <summary>
    /// A method F# wrote for a member or a <c>let</c> of its type. Closures are types of their own (in the type or in
    /// <c>&lt;StartupCode$...&gt;</c>), so their methods are never the marked type's; what F# adds to a type itself
    /// has an <c>@</c> in its name, which F# code cannot write without double backticks.
    /// </summary>
    static bool IsFSharpMember(MethodDefinition method) =>
        method.HasBody && !method.IsConstructor && !method.Name.Contains('@') &&
        SourceCompilers.IsFSharp(method.Module);

    /// <summary>
    /// The builder an <c>[AsyncMethodBuilder]</c> put in the method's state machine in place of a standard one, or
    /// null. Explicit [Shield] reports it (SHIELD013); an Include pattern passes the method over.
    /// </summary>
    public static TypeReference? CustomBuilder(MethodDefinition method) =>
        method.GetAsyncStateMachineType() is { } stateMachine &&
        StateMachineFields.Builder(method, stateMachine) is { } builder &&
        StandardBuilders.KindOf(builder.FieldType) is null
            ? builder.FieldType
            : null;
}
