using Shield.Fody.Contract;
using Shield.Fody.Diagnostics;

namespace Shield.Fody.Rewriting;

/// <summary>
/// Finds the reference woven code needs to Shield.Fody.Attributes. A module selected by Include patterns alone may
/// not reference it yet (the compiler drops unused references), so it is added from the project's references.
/// </summary>
internal static class RuntimeAssembly
{
    public static AssemblyNameReference? Reference(ModuleDefinition module, Func<string, AssemblyDefinition?> resolve, ICollection<Diagnostic> diagnostics)
    {
        var existing = module.AssemblyReferences.FirstOrDefault(r => r.Name == WeaveContract.RuntimeAssembly);
        if (existing != null)
        {
            return existing;
        }

        AssemblyDefinition? resolved;
        try
        {
            resolved = resolve(WeaveContract.RuntimeAssembly);
        }
        catch (Exception exception) when (exception is BadImageFormatException or System.IO.IOException)
        {
            resolved = null;
        }

        if (resolved is null)
        {
            diagnostics.Add(new(ShieldDiagnostics.RuntimeMissing,
                $"{module.Assembly.Name.Name} has methods to shield, but the project does not reference {WeaveContract.RuntimeAssembly}, which woven code calls. Reference the Shield.Fody package without PrivateAssets=\"All\".",
                null));
            return null;
        }

        var reference = new AssemblyNameReference(resolved.Name.Name, resolved.Name.Version)
        {
            PublicKeyToken = resolved.Name.PublicKeyToken,
            Culture = resolved.Name.Culture,
        };
        module.AssemblyReferences.Add(reference);
        return reference;
    }
}
