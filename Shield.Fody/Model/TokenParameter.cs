namespace Shield.Fody.Model;

/// <summary>A token parameter whose value the body must not see: a CancellationToken or a CancellationToken?.</summary>
internal sealed record TokenParameter(ParameterDefinition Parameter, bool IsNullable)
{
    /// <summary>The CancellationToken type reference the module uses for this parameter.</summary>
    public TypeReference TokenType => IsNullable
        ? ((GenericInstanceType)Parameter.ParameterType).GenericArguments[0]
        : Parameter.ParameterType;
}
