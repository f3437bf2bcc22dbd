using System.Linq;
using Microsoft.CodeAnalysis;
using Shield.Fody.Model;

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
            $"{NameFormat.WithoutArity(generic.MetadataName)}<{string.Join(", ", generic.TypeArguments.Select(Readable))}>",
        { TypeKind: TypeKind.Dynamic } => "Object",
        _ => NameFormat.WithoutArity(type.MetadataName),
    };
}
