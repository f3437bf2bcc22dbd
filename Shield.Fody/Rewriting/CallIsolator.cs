using Shield.Fody.Analysis;
using Shield.Fody.Contract;
using Shield.Fody.Model;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Moves a shielded call that cannot be protected where it is made into a method of its own, where it can be. A try
/// block starts on an empty stack; a call that is itself an argument, whose task goes straight into a field, or that
/// sits in an exception filter does not start on one. The new method, private and [CompilerGenerated] in the caller's
/// type, named <c>&lt;Shield&gt;Call|caller|N</c>, takes the receiver and the arguments, makes the call and returns its
/// task: the original call becomes a call of it, with the same effect on the stack, at the same place.
/// </summary>
internal sealed class CallIsolator(RuntimeReferences runtime)
{
    /// <summary>
    /// The call as the new method makes it, or null where no such method can be written and the call stays where it
    /// is: a receiver whose type does not resolve, a non-virtual call of a virtual method on anything but the caller's
    /// own <c>this</c> in a class, and a vararg callee. The new method is static, except for a non-virtual call of a
    /// virtual method (<c>base.X(ct)</c>), valid only on <c>this</c>: it is an instance method whose own <c>this</c> is
    /// the caller's. A constrained call keeps its receiver's address and its prefix, on the new method's type parameter
    /// where the caller's was one. A generic caller's new method is generic too, with the caller's type parameters, and
    /// is called with them.
    /// </summary>
    public ShieldedCallSite? Isolate(ShieldedCallSite site)
    {
        var caller = site.Caller;
        var prefixes = CallSiteRewriter.PrefixesOf(site.Call);
        var constrained = prefixes.FirstOrDefault(p => p.OpCode.Code == Code.Constrained);
        var receiverType = CallSiteRewriter.ReceiverType(site.Callee, prefixes);
        var onThis = IsNonVirtualCallOfVirtual(site.Call, site.Callee);
        if (receiverType is null
            || (onThis && !IsOnOwnThis(site.Call, site.Callee, caller))
            || site.Callee.CallingConvention == MethodCallingConvention.VarArg)
        {
            return null;
        }

        var isolated = CreateMethod(caller, onThis);
        var callee = GenericParameterRemapper.Remap(site.Callee, caller, isolated);
        AddParameters(isolated, callee, onThis ? null : GenericParameterRemapper.Remap(receiverType, caller, isolated));
        var il = isolated.Body.GetILProcessor();
        if (onThis)
        {
            il.Emit(OpCodes.Ldarg, isolated.Body.ThisParameter);
        }

        foreach (var parameter in isolated.Parameters)
        {
            il.Emit(OpCodes.Ldarg, parameter);
        }

        if (constrained != null)
        {
            il.Emit(OpCodes.Constrained, GenericParameterRemapper.Remap((TypeReference)constrained.Operand, caller, isolated));
            constrained.OpCode = OpCodes.Nop;
            constrained.Operand = null;
        }

        var call = il.Create(site.Call.OpCode, callee);
        il.Append(call);
        il.Emit(OpCodes.Ret);

        // Same place, same stack effect: branches, handlers, sequence points and a tail. prefix stay as they were.
        site.Call.OpCode = OpCodes.Call;
        site.Call.Operand = isolated.NamedFrom(site.Caller);
        return site with { Caller = isolated, Call = call, Callee = callee };
    }

    /// <param name="caller">The method that makes the call, in whose type the new method goes.</param>
    /// <param name="onThis">Whether the new method is an instance method, called on the caller's <c>this</c>.</param>
    MethodDefinition CreateMethod(MethodDefinition caller, bool onThis)
    {
        var type = caller.DeclaringType;
        var prefix = $"{WeaveContract.IsolatedCallPrefix}{caller.Name}|";
        var number = type.Methods.Count(m => m.Name.StartsWith(prefix, StringComparison.Ordinal));
        var attributes = MethodAttributes.Private | MethodAttributes.HideBySig | (onThis ? 0 : MethodAttributes.Static);
        var isolated = new MethodDefinition($"{prefix}{number}", attributes, caller.Module.TypeSystem.Void);
        isolated.CustomAttributes.Add(new CustomAttribute(runtime.CompilerGeneratedConstructor));
        GenericParameterRemapper.CopyGenericParameters(caller, isolated);
        isolated.Body.InitLocals = true;
        type.Methods.Add(isolated);
        return isolated;
    }

    /// <summary>The receiver, where it is passed as an argument, and the callee's parameters, as the call site sees them; the callee's task type.</summary>
    static void AddParameters(MethodDefinition isolated, MethodReference callee, TypeReference? receiverType)
    {
        isolated.ReturnType = GenericParameterRemapper.Instantiate(callee.ReturnType, callee);
        if (callee.HasThis && receiverType != null)
        {
            isolated.Parameters.Add(new ParameterDefinition("receiver", ParameterAttributes.None, receiverType));
        }

        // A reference carries no parameter names; the declaration, resolved already, names them for the decompiled view.
        var declared = callee.Resolve();
        for (var i = 0; i < callee.Parameters.Count; i++)
        {
            var name = declared?.Parameters[i].Name ?? $"argument{i}";
            isolated.Parameters.Add(new ParameterDefinition(name, ParameterAttributes.None, GenericParameterRemapper.Instantiate(callee.Parameters[i].ParameterType, callee)));
        }
    }

    /// <summary>Resolving the callee loads its assembly, as reading the receiver's type already did; unresolved counts as virtual.</summary>
    static bool IsNonVirtualCallOfVirtual(Instruction call, MethodReference callee) =>
        call.OpCode.Code == Code.Call && callee.HasThis && callee.Resolve() is not { IsVirtual: false };

    /// <summary>
    /// Whether the receiver is pushed by <c>ldarg.0</c> in an instance method of a class, that is, is the caller's
    /// own <c>this</c>, as in every <c>base.X(ct)</c> of C#. A value type's <c>base.X(ct)</c> passes a boxed copy.
    /// </summary>
    static bool IsOnOwnThis(Instruction call, MethodReference callee, MethodDefinition caller) =>
        caller.HasThis && !caller.DeclaringType.IsValueType
        && InstructionQueries.ArgumentStart(call, callee.Parameters.Count + 1, caller.Body.ReferencedInstructions()) is { } receiver
        && (receiver.OpCode.Code == Code.Ldarg_0 || (receiver.OpCode.Code is Code.Ldarg or Code.Ldarg_S && receiver.Operand == caller.Body.ThisParameter));
}
