using Microsoft.CodeAnalysis;

namespace Shield.Analyzers;

/// <summary>
/// Whether a method declared in a type is selected by a [Shield] (its own, else its type's) and what stops it from
/// being shielded, as the weaver decides it.
/// </summary>
static class MemberSelection
{
    /// <summary>Null when no [Shield] selects the method; otherwise the problem, which is null when it is shielded.</summary>
    public sealed record Selected(IMethodSymbol Method, Diagnostic? Problem);

    /// <param name="declared">A method as declared: for a partial method, either part.</param>
    public static Selected? Of(IMethodSymbol declared)
    {
        var definition = declared.PartialDefinitionPart ?? declared;
        if (definition.EmittedPart() is not { } method)
        {
            return null;
        }

        var own = definition.GetShieldAttribute() ?? method.GetShieldAttribute();
        var typeAttribute = method.ContainingType.GetShieldAttribute();
        if (own != null)
        {
            return new(method, Shieldability.Check(method, own.TimeoutMilliseconds() ?? typeAttribute.TimeoutMilliseconds() ?? 0, method.Locations[0]));
        }

        return typeAttribute != null && Shieldability.IsImplicitlySelectable(method)
            ? new(method, Shieldability.Check(method, typeAttribute.TimeoutMilliseconds() ?? 0, method.Locations[0]))
            : null;
    }
}
