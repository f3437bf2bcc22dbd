using Shield.Fody.Contract;

namespace Shield.Fody.Rewriting;

/// <summary>
/// The generated type <c>&lt;Shield&gt;Operations</c> that holds one <c>ShieldedOperation</c> per woven method in
/// a static field, created once by its static constructor, so a call costs one field load.
/// </summary>
internal sealed class OperationHolder
{
    readonly ModuleDefinition _module;
    readonly RuntimeReferences _runtime;
    readonly HashSet<string> _names = [];
    TypeDefinition? _type;
    MethodDefinition? _staticConstructor;

    public OperationHolder(ModuleDefinition module, RuntimeReferences runtime)
    {
        _module = module;
        _runtime = runtime;
    }

    /// <summary>Adds the field for one operation and returns it.</summary>
    public FieldDefinition Add(string operation, string memberHint, int timeoutMilliseconds)
    {
        var type = _type ??= CreateType();
        var field = new FieldDefinition(UniqueName(memberHint), FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly, _runtime.Operation);
        type.Fields.Add(field);

        // Appended before the final ret by index: inserting before an instruction searches the whole body, which
        // would make a module with tens of thousands of shielded methods quadratic to weave.
        var instructions = _staticConstructor!.Body.Instructions;
        var ret = instructions[instructions.Count - 1];
        instructions.RemoveAt(instructions.Count - 1);
        instructions.Add(Instruction.Create(OpCodes.Ldstr, operation));
        instructions.Add(Instruction.Create(OpCodes.Ldc_I4, timeoutMilliseconds));
        instructions.Add(Instruction.Create(OpCodes.Newobj, _runtime.OperationConstructor));
        instructions.Add(Instruction.Create(OpCodes.Stsfld, field));
        instructions.Add(ret);
        return field;
    }

    TypeDefinition CreateType()
    {
        var type = new TypeDefinition(string.Empty, WeaveContract.OperationsType,
            TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit | TypeAttributes.Class,
            _module.TypeSystem.Object);
        _staticConstructor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            _module.TypeSystem.Void);
        _staticConstructor.Body.Instructions.Add(Instruction.Create(OpCodes.Ret));
        type.Methods.Add(_staticConstructor);
        _module.Types.Add(type);
        return type;
    }

    string UniqueName(string hint)
    {
        var name = Identifier(hint);
        var unique = name;
        for (var i = 2; !_names.Add(unique); i++)
        {
            unique = $"{name}_{i}";
        }

        return unique;
    }

    /// <summary>The hint with every run of characters outside [A-Za-z0-9_] turned into one underscore, trimmed of underscores.</summary>
    static string Identifier(string hint)
    {
        var name = new System.Text.StringBuilder(hint.Length);
        var inRun = false;
        foreach (var c in hint)
        {
            var plain = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_';
            if (plain || !inRun)
            {
                name.Append(plain ? c : '_');
            }

            inRun = !plain;
        }

        return name.ToString().Trim('_');
    }
}
