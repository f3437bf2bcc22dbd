using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace Shield.Inspect;

/// <summary>Type names as a C# reader writes them in a parameter list: <c>int</c>, <c>Task&lt;T&gt;</c>, <c>CancellationToken?</c>.</summary>
public static class ShortTypeName
{
    static readonly Dictionary<string, string> Keywords = new()
    {
        ["System.Boolean"] = "bool",
        ["System.Byte"] = "byte",
        ["System.Char"] = "char",
        ["System.Decimal"] = "decimal",
        ["System.Double"] = "double",
        ["System.Int16"] = "short",
        ["System.Int32"] = "int",
        ["System.Int64"] = "long",
        ["System.Object"] = "object",
        ["System.SByte"] = "sbyte",
        ["System.Single"] = "float",
        ["System.String"] = "string",
        ["System.UInt16"] = "ushort",
        ["System.UInt32"] = "uint",
        ["System.UInt64"] = "ulong",
    };

    public static string Of(TypeReference type) => type switch
    {
        ByReferenceType byReference => "ref " + Of(byReference.ElementType),
        ArrayType array => Of(array.ElementType) + "[" + new string(',', array.Rank - 1) + "]",
        GenericInstanceType { ElementType.FullName: "System.Nullable`1" } nullable => Of(nullable.GenericArguments[0]) + "?",
        GenericInstanceType generic => WithoutArity(generic.ElementType.Name) + "<" + string.Join(", ", generic.GenericArguments.Select(Of)) + ">",
        _ when Keywords.TryGetValue(type.FullName, out var keyword) => keyword,
        _ => WithoutArity(type.Name),
    };

    static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }
}
