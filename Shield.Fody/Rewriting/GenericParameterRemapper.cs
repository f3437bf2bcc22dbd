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

    /// <summary>
    /// Gives <paramref name="to"/> type parameters like <paramref name="from"/>'s: same names, attributes and
    /// constraints, the constraints naming <paramref name="to"/>'s own parameters.
    /// </summary>
    public static void CopyGenericParameters(MethodDefinition from, MethodDefinition to)
    {
        foreach (var parameter in from.GenericParameters)
        {
            to.GenericParameters.Add(new GenericParameter(parameter.Name, to) { Attributes = parameter.Attributes });
        }

        for (var i = 0; i < from.GenericParameters.Count; i++)
        {
            foreach (var constraint in from.GenericParameters[i].Constraints)
            {
                to.GenericParameters[i].Constraints.Add(new GenericParameterConstraint(Remap(constraint.ConstraintType, from, to)));
            }
        }
    }

    /// <summary>A method reference made in <paramref name="from"/>'s body, as <paramref name="to"/>'s body names it.</summary>
    public static MethodReference Remap(MethodReference method, MethodDefinition from, MethodDefinition to)
    {
        if (method is GenericInstanceMethod instance)
        {
            var instantiated = new GenericInstanceMethod(Remap(instance.ElementMethod, from, to));
            foreach (var argument in instance.GenericArguments)
            {
                instantiated.GenericArguments.Add(Remap(argument, from, to));
            }

            return instantiated;
        }

        var declaringType = Remap(method.DeclaringType, from, to);
        if (declaringType == method.DeclaringType)
        {
            return method;
        }

        // The signature names the method's own type parameters and its type's, never the caller's: it is kept as it is.
        return method.ReferenceOn(declaringType);
    }

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
