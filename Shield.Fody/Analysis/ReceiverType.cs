using Shield.Fody.Model;

namespace Shield.Fody.Analysis;

/// <summary>
/// The static type of a call's receiver as the source wrote it, read from the instruction that pushes the receiver:
/// C# names the declaration a call binds to (<c>DbCommand.ExecuteNonQueryAsync</c>), not the type of the variable the
/// code calls it on (<c>NpgsqlCommand</c>).
/// </summary>
internal static class ReceiverType
{
    /// <summary>
    /// The receiver's type, or null where the IL does not tell it: a static call, a receiver that is not straight-line
    /// code (<c>cmd?.X(ct)</c>, <c>a ? c1 : c2</c>), a constrained <c>T</c>, or an instruction that names no type.
    /// </summary>
    public static TypeReference? Of(Instruction call, MethodDefinition caller, HashSet<Instruction> referenced)
    {
        var callee = (MethodReference)call.Operand;
        if (!callee.HasThis || InstructionQueries.ArgumentStart(call, callee.Parameters.Count + 1, referenced) is null)
        {
            return null;
        }

        var producer = callee.Parameters.Count == 0
            ? call.Previous
            : InstructionQueries.ArgumentStart(call, callee.Parameters.Count, referenced)!.Previous;
        var type = StaticTypeOf(producer, caller);
        type = type is ByReferenceType byReference ? byReference.ElementType : type;
        return type is null or GenericParameter ? null : type;
    }

    /// <summary>The user-visible name of the type: <c>Namespace.Type</c>, nested types joined with <c>.</c>, no generic arguments.</summary>
    public static string NameOf(TypeReference type)
    {
        var element = type.GetElementType();
        return NameFormat.TypePath(element, t => t.DeclaringType, t => t.Name, t => t.Namespace);
    }

    static TypeReference? StaticTypeOf(Instruction producer, MethodDefinition caller) => producer.OpCode.Code switch
    {
        Code.Ldarg_0 or Code.Ldarg_1 or Code.Ldarg_2 or Code.Ldarg_3 => ArgumentAt(producer.OpCode.Code - Code.Ldarg_0, caller).ParameterType,
        Code.Ldarg_S or Code.Ldarg or Code.Ldarga_S or Code.Ldarga => ((ParameterDefinition)producer.Operand).ParameterType,
        Code.Ldloca_S or Code.Ldloca => ((VariableDefinition)producer.Operand).VariableType,
        Code.Ldfld or Code.Ldflda or Code.Ldsfld or Code.Ldsflda => ((FieldReference)producer.Operand).FieldType,
        Code.Call or Code.Callvirt => ((MethodReference)producer.Operand).ReturnType,
        Code.Newobj => ((MethodReference)producer.Operand).DeclaringType,
        Code.Castclass or Code.Isinst or Code.Unbox_Any or Code.Box => (TypeReference)producer.Operand,
        _ => producer.LoadedVariable(caller.Body)?.VariableType,
    };

    static ParameterDefinition ArgumentAt(int index, MethodDefinition caller) =>
        !caller.HasThis ? caller.Parameters[index] : index == 0 ? caller.Body.ThisParameter : caller.Parameters[index - 1];
}
