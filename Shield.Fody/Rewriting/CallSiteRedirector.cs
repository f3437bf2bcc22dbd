namespace Shield.Fody.Rewriting;

/// <summary>
/// After runtime-async methods were split, code in the same module still names their bodies: a call site, or the
/// <c>ldftn</c> that turns a lambda into a delegate, holds the very method definition that became the body. Other
/// assemblies bind by signature and find the new method; these must be pointed at it by hand.
/// </summary>
internal static class CallSiteRedirector
{
    /// <param name="module">The module whose method bodies are searched.</param>
    /// <param name="callers">Each split body, and the method that now takes its place for callers.</param>
    public static void Redirect(ModuleDefinition module, IReadOnlyDictionary<MethodDefinition, MethodDefinition> callers)
    {
        if (callers.Count == 0)
        {
            return;
        }

        var standIns = new HashSet<MethodDefinition>(callers.Values);
        foreach (var method in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody && !standIns.Contains(m)))
        {
            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is MethodReference reference && Redirected(reference, callers) is { } redirected)
                {
                    instruction.Operand = redirected;
                }
            }
        }
    }

    static MethodReference? Redirected(MethodReference reference, IReadOnlyDictionary<MethodDefinition, MethodDefinition> callers)
    {
        switch (reference)
        {
            case MethodDefinition definition:
                return callers.TryGetValue(definition, out var caller) ? caller : null;
            case GenericInstanceMethod instance when Redirected(instance.ElementMethod, callers) is { } element:
                var redirected = new GenericInstanceMethod(element);
                foreach (var argument in instance.GenericArguments)
                {
                    redirected.GenericArguments.Add(argument);
                }

                return redirected;
            case { DeclaringType: GenericInstanceType } onInstance when onInstance.Resolve() is { } resolved && callers.TryGetValue(resolved, out var standIn):
                // The stand-in, named on the same instantiation of its generic type as the reference it replaces.
                return standIn.ReferenceOn(onInstance.DeclaringType);
            default:
                return null;
        }
    }
}
