using System.Linq;
using Mono.Cecil;
using Shield.Fody.Contract;

namespace Shield.Inspect;

/// <summary>
/// A method the weave left its <c>[ShieldedMethod(operation, selectedBy, timeoutMilliseconds)]</c> marker on, and what
/// runs its body: the state machine of an async method, or, for a runtime-async method, the private overload taking
/// a trailing <c>ShieldedBody</c> that the weave split the body into (both null for a method that is neither).
/// </summary>
public sealed record ShieldedMethod(
    MethodDefinition Method,
    string Operation,
    string SelectedBy,
    int TimeoutMilliseconds,
    TypeDefinition? StateMachine,
    MethodDefinition? RuntimeAsyncBody)
{
    /// <summary>The method's marker read back, or null when the method carries none.</summary>
    public static ShieldedMethod? Read(MethodDefinition method)
    {
        var marker = method.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == WeaveContract.MethodMarker.FullName);
        if (marker is null)
        {
            return null;
        }

        var stateMachine = method.CustomAttributes
            .Where(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute")
            .Select(a => ((TypeReference)a.ConstructorArguments[0].Value).Resolve())
            .FirstOrDefault();
        var runtimeAsyncBody = method.DeclaringType.Methods.FirstOrDefault(m =>
            m.Name == method.Name &&
            m.Parameters.Count == method.Parameters.Count + 1 &&
            m.Parameters[m.Parameters.Count - 1].ParameterType.FullName == WeaveContract.BodyMarker.FullName);
        return new ShieldedMethod(method,
            (string)marker.ConstructorArguments[WeaveContract.MethodMarker.Operation].Value,
            (string)marker.ConstructorArguments[WeaveContract.MethodMarker.SelectedBy].Value,
            (int)marker.ConstructorArguments[WeaveContract.MethodMarker.TimeoutMilliseconds].Value,
            stateMachine,
            runtimeAsyncBody);
    }

    /// <summary>The parameter types in short C# form, to tell overloads apart: <c>(Probe, int, CancellationToken?)</c>.</summary>
    public string ParameterList => "(" + string.Join(", ", Method.Parameters.Select(p => ShortTypeName.Of(p.ParameterType))) + ")";

    public string TimeoutText => TimeoutMilliseconds > 0 ? $"timeout {TimeoutMilliseconds} ms" : "no timeout";
}
