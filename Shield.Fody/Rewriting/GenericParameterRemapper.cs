namespace Shield.Fody.Rewriting;

/// <summary>
/// Rewrites a type reference so that generic parameters become other types: a signature copied from a method to a new
/// one must name the new method's own type parameters, and a callee's signature seen from a call site names the call's
/// generic arguments.
/// </summary>
internal static class GenericParameterRemapper
{
    public static TypeReference Remap(TypeReference type, MethodDefinition from, MethodDefinition to) =>
        Remap(type, parameter => parameter.Owner == from ? to.GenericParameters[parameter.Position] : null);

    /// <summary>A type of <paramref name="callee"/>'s signature as its call site sees it: the generic arguments of the call in place of the type's and the method's generic parameters.</summary>
    public static TypeReference Instantiate(TypeReference type, MethodReference callee) =>
        Remap(type, parameter => (parameter.Type, callee.DeclaringType, callee) switch
        {
            (GenericParameterType.Type, GenericInstanceType declaringType, _) => declaringType.GenericArguments[parameter.Position],
            (GenericParameterType.Method, _, GenericInstanceMethod method) => method.GenericArguments[parameter.Position],
            _ => null,
        });

    /// <param name="type">The type to rewrite.</param>
    /// <param name="map">The type that takes a generic parameter's place, or null to keep it.</param>
    static TypeReference Remap(TypeReference type, Func<GenericParameter, TypeReference?> map) => type switch
    {
        GenericParameter parameter => map(parameter) ?? parameter,
        GenericInstanceType instance => Instantiate(instance, map),
        ArrayType array => new ArrayType(Remap(array.ElementType, map), array.Rank),
        ByReferenceType byReference => new ByReferenceType(Remap(byReference.ElementType, map)),
        PointerType pointer => new PointerType(Remap(pointer.ElementType, map)),
        RequiredModifierType required => new RequiredModifierType(required.ModifierType, Remap(required.ElementType, map)),
        OptionalModifierType optional => new OptionalModifierType(optional.ModifierType, Remap(optional.ElementType, map)),
        _ => type,
    };

    static GenericInstanceType Instantiate(GenericInstanceType instance, Func<GenericParameter, TypeReference?> map)
    {
        var remapped = new GenericInstanceType(instance.ElementType);
        foreach (var argument in instance.GenericArguments)
        {
            remapped.GenericArguments.Add(Remap(argument, map));
        }

        return remapped;
    }
}
