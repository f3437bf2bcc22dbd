namespace Shield.Fody.Model;

/// <summary>Type names as a C# reader writes them in a message: <c>IAsyncEnumerable&lt;Int32&gt;</c>, not <c>IAsyncEnumerable`1</c>.</summary>
internal static class TypeNames
{
    public static string Readable(TypeReference type) => type switch
    {
        GenericInstanceType generic => $"{NameFormat.WithoutArity(generic.ElementType.Name)}<{string.Join(", ", generic.GenericArguments.Select(Readable))}>",
        _ when type.HasGenericParameters => $"{NameFormat.WithoutArity(type.Name)}<{string.Join(", ", type.GenericParameters.Select(p => p.Name))}>",
        _ => type.Name,
    };
}
