namespace Shield.Fody.Rewriting;

/// <summary>
/// A runtime-async method has no kickoff to rewrite: the runtime itself suspends it, and its <c>ret</c> hands back a
/// result, not a task. So the method is split: it keeps its body, its lines and its name, but becomes a private
/// overload that takes a trailing <c>ShieldedBody</c>; a new method with the original signature, attributes and
/// overrides takes its place for callers, calls it, and returns its task, which the kickoff rewrite then shields.
/// </summary>
internal static class RuntimeAsyncSplitter
{
    const MethodAttributes VirtualSlot = MethodAttributes.Virtual | MethodAttributes.NewSlot | MethodAttributes.Final |
        MethodAttributes.Abstract | MethodAttributes.VtableLayoutMask | MethodAttributes.CheckAccessOnOverride;

    /// <summary>Splits <paramref name="method"/> and returns the new method callers will call.</summary>
    public static MethodDefinition Split(MethodDefinition method, TypeReference bodyMarker)
    {
        var caller = CreateCallerMethod(method);
        MoveIdentity(method, caller);
        TurnIntoBody(method, bodyMarker);
        EmitCall(caller, method, bodyMarker);

        var methods = method.DeclaringType.Methods;
        methods.Insert(methods.IndexOf(method) + 1, caller);
        return caller;
    }

    static MethodDefinition CreateCallerMethod(MethodDefinition method)
    {
        var caller = new MethodDefinition(method.Name, method.Attributes, method.ReturnType)
        {
            ImplAttributes = method.ImplAttributes & ~CecilExtensions.RuntimeAsyncFlag,
            HasThis = method.HasThis,
            ExplicitThis = method.ExplicitThis,
            CallingConvention = method.CallingConvention,
        };

        GenericParameterRemapper.CopyGenericParameters(method, caller);
        caller.ReturnType = GenericParameterRemapper.Remap(method.ReturnType, method, caller);
        foreach (var parameter in method.Parameters)
        {
            var copy = new ParameterDefinition(parameter.Name, parameter.Attributes, GenericParameterRemapper.Remap(parameter.ParameterType, method, caller));
            if (parameter.HasConstant)
            {
                copy.Constant = parameter.Constant;
            }

            MoveAll(parameter.CustomAttributes, copy.CustomAttributes);
            caller.Parameters.Add(copy);
        }

        return caller;
    }

    /// <summary>Attributes, overrides and the virtual slot belong to what callers call.</summary>
    static void MoveIdentity(MethodDefinition method, MethodDefinition caller)
    {
        MoveAll(method.CustomAttributes, caller.CustomAttributes);
        MoveAll(method.MethodReturnType.CustomAttributes, caller.MethodReturnType.CustomAttributes);
        MoveAll(method.Overrides, caller.Overrides);
    }

    static void TurnIntoBody(MethodDefinition method, TypeReference bodyMarker)
    {
        method.Attributes = (method.Attributes & ~MethodAttributes.MemberAccessMask & ~VirtualSlot) | MethodAttributes.Private | MethodAttributes.HideBySig;
        method.Parameters.Add(new ParameterDefinition("shieldedBody", ParameterAttributes.None, bodyMarker));
    }

    static void EmitCall(MethodDefinition caller, MethodDefinition body, TypeReference bodyMarker)
    {
        var il = caller.Body.GetILProcessor();
        var marker = new VariableDefinition(bodyMarker);
        caller.Body.Variables.Add(marker);
        caller.Body.InitLocals = true;

        if (caller.HasThis)
        {
            il.Emit(OpCodes.Ldarg_0);
        }

        foreach (var parameter in caller.Parameters)
        {
            il.Emit(OpCodes.Ldarg, parameter);
        }

        il.Emit(OpCodes.Ldloca, marker);
        il.Emit(OpCodes.Initobj, bodyMarker);
        il.Emit(OpCodes.Ldloc, marker);
        il.Emit(OpCodes.Call, body.NamedFrom(caller));
        il.Emit(OpCodes.Ret);
    }

    static void MoveAll<T>(Mono.Collections.Generic.Collection<T> from, Mono.Collections.Generic.Collection<T> to)
    {
        foreach (var item in from)
        {
            to.Add(item);
        }

        from.Clear();
    }
}
