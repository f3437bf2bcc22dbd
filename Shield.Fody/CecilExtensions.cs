using Shield.Fody.Contract;

namespace Shield.Fody;

/// <summary>Small Cecil queries with names that read as English.</summary>
internal static class CecilExtensions
{
    /// <summary><c>MethodImplOptions.Async</c>, which Cecil does not name yet.</summary>
    public const MethodImplAttributes RuntimeAsyncFlag = (MethodImplAttributes)0x2000;

    public static CustomAttribute? GetShieldAttribute(this ICustomAttributeProvider provider) =>
        provider.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName == WeaveContract.ShieldAttribute.FullName);

    public static bool HasAttribute(this ICustomAttributeProvider provider, string fullName) =>
        provider.CustomAttributes.Any(a => a.AttributeType.FullName == fullName);

    public static bool IsCompilerGenerated(this ICustomAttributeProvider provider) =>
        provider.HasAttribute("System.Runtime.CompilerServices.CompilerGeneratedAttribute");

    /// <summary>The state machine type named by <c>[AsyncStateMachine(typeof(...))]</c>, or null.</summary>
    public static TypeDefinition? GetAsyncStateMachineType(this MethodDefinition method)
    {
        var attribute = method.CustomAttributes.FirstOrDefault(a =>
            a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");
        return (attribute?.ConstructorArguments.FirstOrDefault().Value as TypeReference)?.Resolve();
    }

    /// <summary>The state machine of an async method, an async iterator or an iterator, or null.</summary>
    public static TypeDefinition? GetAnyStateMachineType(this MethodDefinition method)
    {
        var attribute = method.CustomAttributes.FirstOrDefault(a => a.AttributeType.FullName is
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute" or
            "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute" or
            "System.Runtime.CompilerServices.IteratorStateMachineAttribute");
        return (attribute?.ConstructorArguments.FirstOrDefault().Value as TypeReference)?.Resolve();
    }

    public static bool IsAsyncIterator(this MethodDefinition method) =>
        method.HasAttribute("System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute");

    /// <summary>Emitted by <c>runtime-async=on</c>: the runtime, not a state machine, suspends the method.</summary>
    public static bool IsRuntimeAsync(this MethodDefinition method) => (method.ImplAttributes & RuntimeAsyncFlag) != 0;

    public static bool IsCancellationToken(this TypeReference type) => type.FullName == "System.Threading.CancellationToken";

    public static bool IsNullableCancellationToken(this TypeReference type) =>
        type is GenericInstanceType { ElementType.FullName: "System.Nullable`1" } nullable &&
        nullable.GenericArguments[0].IsCancellationToken();

    public static bool IsTokenType(this TypeReference type) => type.IsCancellationToken() || type.IsNullableCancellationToken();

    /// <summary>A CancellationToken or CancellationToken? passed by ref, out or in.</summary>
    public static bool IsByRefToken(this ParameterDefinition parameter) =>
        parameter.ParameterType is ByReferenceType byRef && byRef.ElementType.IsTokenType();

    /// <summary>
    /// Where an error about the method should point: the first visible sequence point of its body, or of its state
    /// machine's MoveNext for async methods and iterators (the kickoff method has none).
    /// </summary>
    public static SequencePoint? FirstVisibleSequencePoint(this MethodDefinition method)
    {
        var body = method.GetAnyStateMachineType()?.Methods.FirstOrDefault(m => m.Name == "MoveNext") ?? method;
        return body.DebugInformation.HasSequencePoints
            ? body.DebugInformation.SequencePoints.FirstOrDefault(point => !point.IsHidden)
            : null;
    }

    /// <summary>The first visible sequence point of any method of the type, to locate a diagnostic about the type.</summary>
    public static SequencePoint? FirstVisibleSequencePoint(this TypeDefinition type) =>
        type.Methods.Select(FirstVisibleSequencePoint).FirstOrDefault(point => point != null);

    /// <summary>
    /// A reference to <paramref name="method"/> with its own signature, named on <paramref name="declaringType"/>
    /// (an instantiation of the type that declares it): how IL names a method of a generic type.
    /// </summary>
    public static MethodReference ReferenceOn(this MethodReference method, TypeReference declaringType)
    {
        var reference = new MethodReference(method.Name, method.ReturnType, declaringType)
        {
            HasThis = method.HasThis,
            ExplicitThis = method.ExplicitThis,
            CallingConvention = method.CallingConvention,
        };
        foreach (var parameter in method.GenericParameters)
        {
            reference.GenericParameters.Add(new GenericParameter(parameter.Name, reference));
        }

        foreach (var parameter in method.Parameters)
        {
            reference.Parameters.Add(new ParameterDefinition(parameter.ParameterType));
        }

        return reference;
    }

    /// <summary>
    /// <paramref name="method"/> as a method of the same type names it: on the type instantiated over its own type
    /// parameters, and, where <paramref name="method"/> is generic, over <paramref name="caller"/>'s type parameters.
    /// </summary>
    public static MethodReference NamedFrom(this MethodDefinition method, MethodDefinition caller)
    {
        var type = method.DeclaringType;
        if (!type.HasGenericParameters && !method.HasGenericParameters)
        {
            return method;
        }

        TypeReference declaringType = type;
        if (type.HasGenericParameters)
        {
            var instance = new GenericInstanceType(type);
            foreach (var parameter in type.GenericParameters)
            {
                instance.GenericArguments.Add(parameter);
            }

            declaringType = instance;
        }

        var reference = method.ReferenceOn(declaringType);
        if (!method.HasGenericParameters)
        {
            return reference;
        }

        var instantiated = new GenericInstanceMethod(reference);
        foreach (var parameter in caller.GenericParameters)
        {
            instantiated.GenericArguments.Add(parameter);
        }

        return instantiated;
    }
}
