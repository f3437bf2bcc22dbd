namespace Shield.Fody.Model;

/// <summary>The compiler that wrote a module, as far as its metadata tells.</summary>
internal enum SourceCompiler
{
    Unknown,
    CSharp,
    VisualBasic,
    FSharp,
}

/// <summary>Tells which compiler wrote a module from what each one leaves in every module it writes.</summary>
internal static class SourceCompilers
{
    public static bool IsFSharp(ModuleDefinition module) =>
        module.Assembly is { } assembly && Carries(assembly, "Microsoft.FSharp.Core.FSharpInterfaceDataVersionAttribute");

    public static SourceCompiler Of(ModuleDefinition module)
    {
        if (IsFSharp(module))
        {
            return SourceCompiler.FSharp;
        }

        // C# 11 and later mark every module with the ref safety rules they compiled it under; VB never does.
        if (Carries(module, "System.Runtime.CompilerServices.RefSafetyRulesAttribute"))
        {
            return SourceCompiler.CSharp;
        }

        // VB embeds its runtime helpers (netstandard2.0) or references the VB runtime.
        if (module.GetType("Microsoft.VisualBasic.Embedded") != null ||
            module.AssemblyReferences.Any(a => a.Name is "Microsoft.VisualBasic" or "Microsoft.VisualBasic.Core"))
        {
            return SourceCompiler.VisualBasic;
        }

        // Older C# leaves no module mark, but names its async state machines <Method>d__N.
        if (module.GetTypes().Any(t => t.Name.StartsWith("<", StringComparison.Ordinal) && t.Name.Contains(">d__")))
        {
            return SourceCompiler.CSharp;
        }

        return SourceCompiler.Unknown;
    }

    static bool Carries(ICustomAttributeProvider provider, string attribute) =>
        provider.CustomAttributes.Any(a => a.AttributeType.FullName == attribute);

    /// <summary>How messages name the compiler.</summary>
    public static string Name(this SourceCompiler compiler) => compiler switch
    {
        SourceCompiler.CSharp => "C#",
        SourceCompiler.VisualBasic => "VB.NET",
        SourceCompiler.FSharp => "F#",
        _ => "an unknown",
    };
}
