using Shield.Fody.Contract;
using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// References to the Shield runtime that woven code calls. Their signatures are built from the type references the
/// module already uses (its own Task, CancellationToken and Exception), never imported from the assemblies the
/// weaver happens to resolve, so a netstandard2.0 module keeps referencing netstandard and nothing else.
/// </summary>
internal sealed class RuntimeReferences
{
    readonly ModuleDefinition _module;

    // Thousands of shielded methods share a handful of signatures: one reference each keeps the weave and the
    // write (which encodes every reference's signature) linear in the methods, not in the references. The keys are
    // built without allocating: a weave's cost is mostly the garbage collector's, working through the whole module.
    readonly Dictionary<(string Name, string First, string Second, string Third), MethodReference> _shared = [];
    readonly Dictionary<TypeReference, string> _typeKeys = [];
    readonly Dictionary<IMetadataScope, TypeReference> _tokenSources = [];
    readonly Dictionary<IMetadataScope, MethodReference> _noneTokens = [];

    public RuntimeReferences(ModuleDefinition module, AssemblyNameReference runtimeAssembly)
    {
        _module = module;
        Runtime = RuntimeType(WeaveContract.Runtime.Name, runtimeAssembly);
        Operation = RuntimeType(WeaveContract.Operation.Name, runtimeAssembly);
        CallerTokens = RuntimeType(WeaveContract.CallerTokens.Name, runtimeAssembly, isValueType: true);
        BodyMarker = RuntimeType(WeaveContract.BodyMarker.Name, runtimeAssembly, isValueType: true);
        Span = RuntimeType(WeaveContract.Span.Name, runtimeAssembly);
        OperationConstructor = Constructor(Operation, module.TypeSystem.String, module.TypeSystem.Int32);
        WovenAttributeConstructor = Constructor(RuntimeType(WeaveContract.WovenMarker.Name, runtimeAssembly), module.TypeSystem.String);
        MethodAttributeConstructor = Constructor(RuntimeType(WeaveContract.MethodMarker.Name, runtimeAssembly), WeaveMarkers.MethodMarkerParameters(module));
        Suspending = Static(WeaveContract.Runtime.Suspending, module.TypeSystem.Void);
        StartSpan = Static(WeaveContract.Runtime.StartSpan, Span, Operation);
        Exception = new TypeReference("System", "Exception", module, module.TypeSystem.CoreLibrary);
        CompilerGeneratedConstructor = Constructor(new TypeReference("System.Runtime.CompilerServices", "CompilerGeneratedAttribute", module, module.TypeSystem.CoreLibrary));
    }

    public TypeReference Runtime { get; }

    public TypeReference Operation { get; }

    public TypeReference CallerTokens { get; }

    /// <summary>The parameter type that tells a split-off runtime-async body from the method callers call.</summary>
    public TypeReference BodyMarker { get; }

    public MethodReference OperationConstructor { get; }

    public MethodReference WovenAttributeConstructor { get; }

    public MethodReference MethodAttributeConstructor { get; }

    public MethodReference Suspending { get; }

    /// <summary>The runtime's record of a traced call, null while nothing samples the "Shield" source.</summary>
    public TypeReference Span { get; }

    /// <summary><c>StartSpan(operation)</c>: starts the call's Activity before the body runs.</summary>
    public MethodReference StartSpan { get; }

    /// <summary>System.Exception, from the module's core library.</summary>
    public TypeReference Exception { get; }

    /// <summary><c>[CompilerGenerated]</c>'s constructor, from the module's core library, for the methods a weave adds.</summary>
    public MethodReference CompilerGeneratedConstructor { get; }

    /// <summary><c>Threw(exception, deadline, span)</c>: ends the call that threw before handing its task over.</summary>
    public MethodReference Threw(TypeReference tokenSource) =>
        Shared(() => Static(WeaveContract.Runtime.Threw, _module.TypeSystem.Void, Exception, tokenSource, Span), WeaveContract.Runtime.Threw, tokenSource);

    /// <summary>CancellationTokenSource, from the assembly that defines the module's CancellationToken.</summary>
    public TypeReference TokenSource(TypeReference cancellationToken) =>
        _tokenSources.TryGetValue(cancellationToken.Scope, out var tokenSource)
            ? tokenSource
            : _tokenSources[cancellationToken.Scope] = new("System.Threading", "CancellationTokenSource", _module, cancellationToken.Scope);

    public MethodReference StartDeadline(TypeReference tokenSource) =>
        Shared(() => Static(WeaveContract.Runtime.StartDeadline, tokenSource, Operation), WeaveContract.Runtime.StartDeadline, tokenSource);

    public MethodReference BodyToken(TypeReference cancellationToken, TypeReference tokenSource) =>
        Shared(() => Static(WeaveContract.Runtime.BodyToken, cancellationToken, tokenSource), WeaveContract.Runtime.BodyToken, cancellationToken, tokenSource);

    public MethodReference NullableBodyToken(TypeReference nullableToken, TypeReference tokenSource) =>
        Shared(() => Static(WeaveContract.Runtime.BodyToken, nullableToken, nullableToken, tokenSource), "NullableBodyToken", nullableToken, tokenSource);

    public MethodReference CallerToken(TypeReference nullableToken, TypeReference cancellationToken) =>
        Shared(() => Static(WeaveContract.Runtime.CallerToken, cancellationToken, nullableToken), WeaveContract.Runtime.CallerToken, nullableToken, cancellationToken);

    /// <summary>CallerTokens(token), CallerTokens(first, second) or CallerTokens(token[]) for three and more.</summary>
    public MethodReference CallerTokensOf(TypeReference cancellationToken, int count) => count switch
    {
        1 => Shared(() => Static(WeaveContract.Runtime.CallerTokens, CallerTokens, cancellationToken), "CallerTokens1", cancellationToken),
        2 => Shared(() => Static(WeaveContract.Runtime.CallerTokens, CallerTokens, cancellationToken, cancellationToken), "CallerTokens2", cancellationToken),
        _ => Shared(() => Static(WeaveContract.Runtime.CallerTokens, CallerTokens, new ArrayType(cancellationToken)), "CallerTokensN", cancellationToken),
    };

    /// <summary><c>CancellationToken.None</c>'s getter.</summary>
    public MethodReference NoneToken(TypeReference cancellationToken) =>
        _noneTokens.TryGetValue(cancellationToken.Scope, out var none)
            ? none
            : _noneTokens[cancellationToken.Scope] = new("get_None", cancellationToken, cancellationToken) { HasThis = false };

    /// <summary>
    /// <c>Started</c> (for state machines) or <c>Returned</c> (for other methods): takes the body's task and the call's
    /// span and returns what the caller receives, of the same type.
    /// </summary>
    public MethodReference Shield(HandOver handOver, TaskShape shape, TypeReference tokenSource)
    {
        var name = handOver == HandOver.Started ? WeaveContract.Runtime.Started : WeaveContract.Runtime.Returned;
        return Shared(() => CreateShield(name, shape, tokenSource), name, shape.ReturnType, tokenSource);
    }

    MethodReference CreateShield(string name, TaskShape shape, TypeReference tokenSource) =>
        shape.ResultType is null
            ? Static(name, shape.ReturnType, shape.ReturnType, CallerTokens, Operation, tokenSource, Span)
            : Generic(name, shape, result =>
            {
                var task = Instantiate(shape, result);
                return (task, [task, CallerTokens, Operation, tokenSource, Span]);
            });

    /// <summary>
    /// <c>Finishing</c>, called right before the builder sets the body's result; returns whether <c>Finished</c> has a
    /// frame to take. <paramref name="resultType"/> as MoveNext sees it.
    /// </summary>
    public MethodReference Finishing(TaskShape shape, TypeReference? resultType) =>
        Shared(() => CreateEnding(WeaveContract.Runtime.Finishing, shape, resultType, returnType: _module.TypeSystem.Boolean), WeaveContract.Runtime.Finishing, shape.ReturnType.GetElementType(), resultType);

    /// <summary><c>Finished</c>, called after the builder set the body's result, with what <c>Finishing</c> returned.</summary>
    public MethodReference Finished(TaskShape shape, TypeReference? resultType) =>
        Shared(() => CreateEnding(WeaveContract.Runtime.Finished, shape, resultType, _module.TypeSystem.Boolean), WeaveContract.Runtime.Finished, shape.ReturnType.GetElementType(), resultType);

    /// <summary><c>Faulting</c>, called right before the builder sets the body's exception.</summary>
    public MethodReference Faulting(TaskShape shape, TypeReference? resultType, TypeReference exception) =>
        Shared(() => CreateEnding(WeaveContract.Runtime.Faulting, shape, resultType, exception), WeaveContract.Runtime.Faulting, shape.ReturnType.GetElementType(), resultType, exception);

    /// <summary><c>Faulted</c>, called after the builder set the body's exception.</summary>
    public MethodReference Faulted(TaskShape shape, TypeReference? resultType, TypeReference exception) =>
        Shared(() => CreateEnding(WeaveContract.Runtime.Faulted, shape, resultType, exception), WeaveContract.Runtime.Faulted, shape.ReturnType.GetElementType(), resultType, exception);

    /// <summary>
    /// An end hook taking the body as a <c>Task</c> (both task kinds) or as its <c>ValueTask</c>, then
    /// <paramref name="second"/> (the exception, or what <c>Finishing</c> returned) if any.
    /// </summary>
    MethodReference CreateEnding(string name, TaskShape shape, TypeReference? resultType, TypeReference? second = null, TypeReference? returnType = null)
    {
        TypeReference[] After(TypeReference body) => second is null ? [body] : [body, second];
        var returns = returnType ?? _module.TypeSystem.Void;
        return shape.Kind switch
        {
            TaskKind.Task or TaskKind.ValueTask => Static(name, returns, After(shape.ReturnType)),
            TaskKind.TaskOfT => Static(name, returns, After(NonGenericTask(shape))),
            _ => Generic(name, shape, result => (returns, After(Instantiate(shape, result))), resultType),
        };
    }

    /// <summary>
    /// The reference made once for a signature, unless a generic parameter is involved: <c>T</c> of one method is not
    /// <c>T</c> of another, so those references are made anew.
    /// </summary>
    MethodReference Shared(Func<MethodReference> create, string name, TypeReference? first, TypeReference? second = null, TypeReference? third = null)
    {
        if (first is { ContainsGenericParameter: true } || second is { ContainsGenericParameter: true } || third is { ContainsGenericParameter: true })
        {
            return create();
        }

        var key = (name, KeyOf(first), KeyOf(second), KeyOf(third));
        if (!_shared.TryGetValue(key, out var shared))
        {
            _shared[key] = shared = create();
        }

        return shared;
    }

    /// <summary>A type's name with its assembly, made once per type reference (Cecil builds a generic's name anew on each read).</summary>
    string KeyOf(TypeReference? type)
    {
        if (type is null)
        {
            return "-";
        }

        if (!_typeKeys.TryGetValue(type, out var key))
        {
            _typeKeys[type] = key = $"{type.Scope?.Name}!{type.FullName}";
        }

        return key;
    }

    TypeReference NonGenericTask(TaskShape shape) =>
        new("System.Threading.Tasks", "Task", _module, shape.ReturnType.GetElementType().Scope);

    static GenericInstanceType Instantiate(TaskShape shape, TypeReference argument) =>
        new(shape.ReturnType.GetElementType()) { GenericArguments = { argument } };

    TypeReference RuntimeType(string name, AssemblyNameReference runtimeAssembly, bool isValueType = false) =>
        new(WeaveContract.Namespace, name, _module, runtimeAssembly) { IsValueType = isValueType };

    MethodReference Static(string name, TypeReference returnType, params TypeReference[] parameters)
    {
        var method = new MethodReference(name, returnType, Runtime) { HasThis = false };
        foreach (var parameter in parameters)
        {
            method.Parameters.Add(new ParameterDefinition(parameter));
        }

        return method;
    }

    MethodReference Generic(string name, TaskShape shape, Func<GenericParameter, (TypeReference Return, TypeReference[] Parameters)> signature, TypeReference? argument = null)
    {
        var method = new MethodReference(name, _module.TypeSystem.Void, Runtime) { HasThis = false };
        var result = new GenericParameter("TResult", method);
        method.GenericParameters.Add(result);
        var (returnType, parameters) = signature(result);
        method.ReturnType = returnType;
        foreach (var parameter in parameters)
        {
            method.Parameters.Add(new ParameterDefinition(parameter));
        }

        return new GenericInstanceMethod(method) { GenericArguments = { argument ?? shape.ResultType! } };
    }

    MethodReference Constructor(TypeReference type, params TypeReference[] parameters)
    {
        var constructor = new MethodReference(".ctor", _module.TypeSystem.Void, type) { HasThis = true };
        foreach (var parameter in parameters)
        {
            constructor.Parameters.Add(new ParameterDefinition(parameter));
        }

        return constructor;
    }
}
