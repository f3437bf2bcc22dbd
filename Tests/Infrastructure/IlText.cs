using System.Linq;
using Mono.Cecil;

namespace Tests.Infrastructure;

/// <summary>A method's IL as text, to tell whether the weaver touched it.</summary>
public static class IlText
{
    public static string Of(MethodDefinition method) =>
        !method.HasBody ? "(no body)" : string.Join("\n", method.Body.Instructions.Select(i => i.ToString()));

    /// <summary>The method's IL and, for an async method, its state machine's MoveNext.</summary>
    public static string WithStateMachine(MethodDefinition method)
    {
        var stateMachine = method.CustomAttributes
            .Where(a => a.AttributeType.Name is "AsyncStateMachineAttribute" or "AsyncIteratorStateMachineAttribute")
            .Select(a => ((TypeReference)a.ConstructorArguments[0].Value).Resolve())
            .FirstOrDefault();
        var moveNext = stateMachine?.Methods.First(m => m.Name == "MoveNext");
        return Of(method) + (moveNext is null ? "" : "\n--- MoveNext\n" + Of(moveNext));
    }
}
