using System.Linq;
using Mono.Cecil;

namespace Shield.Inspect;

/// <summary>
/// A method the weave left its <c>[ShieldedMethod(operation, selectedBy, timeoutMilliseconds)]</c> marker on, and the
/// state machine that runs its body (null for a method that is not async).
/// </summary>
public sealed record ShieldedMethod(MethodDefinition Method, string Operation, string SelectedBy, int TimeoutMilliseconds, TypeDefinition? StateMachine)
{
    public const string MarkerName = "Shield.ShieldedMethodAttribute";

    /// <summary>The method's marker read back, or null when the method carries none.</summary>
    public static ShieldedMethod? Read(MethodDefinition method)
    {
        var marker = method.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == MarkerName);
        if (marker is null)
        {
            return null;
        }

        var stateMachine = method.CustomAttributes
            .Where(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute")
            .Select(a => ((TypeReference)a.ConstructorArguments[0].Value).Resolve())
            .FirstOrDefault();
        return new ShieldedMethod(method,
            (string)marker.ConstructorArguments[0].Value,
            (string)marker.ConstructorArguments[1].Value,
            (int)marker.ConstructorArguments[2].Value,
            stateMachine);
    }

    /// <summary>The parameter types in short C# form, to tell overloads apart: <c>(Probe, int, CancellationToken?)</c>.</summary>
    public string ParameterList => "(" + string.Join(", ", Method.Parameters.Select(p => ShortTypeName.Of(p.ParameterType))) + ")";

    public string TimeoutText => TimeoutMilliseconds > 0 ? $"timeout {TimeoutMilliseconds} ms" : "no timeout";
}
