namespace Shield.Fody.Model;

/// <summary>What selected a method for shielding.</summary>
internal enum Selector
{
    MethodAttribute,
    TypeAttribute,
    IncludePattern,
}
