using System.Linq;
using Microsoft.CodeAnalysis;

namespace Shield.Analyzers;

/// <summary>
/// Type names as the weaver's messages write them, from metadata: <c>IAsyncEnumerable&lt;Int32&gt;</c>, <c>Void</c>.
/// </summary>
static class TypeNames
{
    public static string Readable(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => $"{Readable(array.ElementType)}[{new string(',', array.Rank - 1)}]",
        IPointerTypeSymbol pointer => $"{Readable(pointer.PointedAtType)}*",
        INamedTypeSymbol { TypeArguments.Length: > 0 } generic =>
            $"{WithoutArity(generic.MetadataName)}<{string.Join(", ", generic.TypeArguments.Select(Readable))}>",
        { TypeKind: TypeKind.Dynamic } => "Object",
        _ => WithoutArity(type.MetadataName),
    };

    public static string WithoutArity(string name)
    {
        var tick = name.IndexOf('`');
        return tick < 0 ? name : name.Substring(0, tick);
    }
}
