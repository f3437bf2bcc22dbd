namespace Shield.Fody.Rewriting;

/// <summary>
/// Rewrites a type reference so that the generic parameters of one method become those of another: a signature
/// copied from a method to a new one must name the new method's own type parameters.
/// </summary>
internal static class GenericParameterRemapper
{
    public static TypeReference Remap(TypeReference type, MethodDefinition from, MethodDefinition to) => type switch
    {
        GenericParameter parameter when parameter.Owner == from => to.GenericParameters[parameter.Position],
        GenericInstanceType instance => Instantiate(instance, from, to),
        ArrayType array => new ArrayType(Remap(array.ElementType, from, to), array.Rank),
        ByReferenceType byReference => new ByReferenceType(Remap(byReference.ElementType, from, to)),
        PointerType pointer => new PointerType(Remap(pointer.ElementType, from, to)),
        RequiredModifierType required => new RequiredModifierType(required.ModifierType, Remap(required.ElementType, from, to)),
        OptionalModifierType optional => new OptionalModifierType(optional.ModifierType, Remap(optional.ElementType, from, to)),
        _ => type,
    };

    static GenericInstanceType Instantiate(GenericInstanceType instance, MethodDefinition from, MethodDefinition to)
    {
        var remapped = new GenericInstanceType(instance.ElementType);
        foreach (var argument in instance.GenericArguments)
        {
            remapped.GenericArguments.Add(Remap(argument, from, to));
        }

        return remapped;
    }
}
