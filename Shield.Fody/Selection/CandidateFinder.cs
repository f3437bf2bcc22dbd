using Shield.Fody.Configuration;
using Shield.Fody.Contract;
using Shield.Fody.Diagnostics;
using Shield.Fody.Model;

namespace Shield.Fody.Selection;

/// <summary>
/// Finds the methods to shield: those that carry [Shield], those declared in a [Shield] type, and those an Include
/// pattern names, minus those an Exclude pattern names.
/// </summary>
internal sealed class CandidateFinder(ShieldConfiguration configuration, PatternUses patternUses)
{
    /// <param name="module">The module to search.</param>
    /// <param name="diagnostics">Receives warnings about [Shield] types that select nothing.</param>
    /// <param name="notes">Receives what a [Shield] type or pattern passed over, for detailed build logs.</param>
    public IReadOnlyList<ShieldCandidate> Find(ModuleDefinition module, ICollection<Diagnostic> diagnostics, ICollection<string> notes)
    {
        var candidates = new List<ShieldCandidate>();
        foreach (var type in module.GetTypes())
        {
            var typeAttribute = type.GetShieldAttribute();
            var typeTimeout = TimeoutOf(typeAttribute) ?? 0;
            var selectedInType = 0;

            foreach (var method in type.Methods)
            {
                var candidate = Select(method, typeAttribute, typeTimeout, notes);
                if (candidate is null)
                {
                    continue;
                }

                var exclude = configuration.Exclude.FirstOrDefault(p => p.Matches(candidate.Operation));
                if (exclude != null)
                {
                    patternUses.Count(exclude);
                    notes.Add($"Shield: {candidate.Operation} is excluded by the Exclude pattern '{exclude}'.");
                    continue;
                }

                candidates.Add(candidate);
                if (candidate.SelectedBy == Selector.TypeAttribute)
                {
                    selectedInType++;
                }
            }

            if (typeAttribute != null && selectedInType == 0 && !type.Methods.Any(m => m.GetShieldAttribute() != null))
            {
                diagnostics.Add(Diagnostic.Misuse(ShieldDiagnostics.TypeWithoutTargets, type.FirstVisibleSequencePoint(),
                    MisuseMessages.TypeWithoutTargets, OperationName.TypePath(type)));
            }
        }

        return candidates;
    }

    ShieldCandidate? Select(MethodDefinition method, CustomAttribute? typeAttribute, int typeTimeout, ICollection<string> notes)
    {
        var methodAttribute = method.GetShieldAttribute();
        if (methodAttribute is null && typeAttribute is null && configuration.Include.Count == 0)
        {
            // Most methods of a module: nothing can select them, so their name is not worth building.
            return null;
        }

        var operation = OperationName.Of(method);
        var include = configuration.Include.FirstOrDefault(p => p.Matches(operation));
        if (methodAttribute != null)
        {
            patternUses.Count(include);
            // A lambda or local function may land in a closure class or in the type itself, as the compiler likes:
            // it keeps only its own deadline, so that where it lands does not change what it gets.
            var inherited = method.IsCompilerGenerated() ? 0 : typeTimeout;
            return new(method, operation, Selector.MethodAttribute, null, TimeoutOf(methodAttribute) ?? inherited);
        }

        if (typeAttribute is null && include is null)
        {
            return null;
        }

        if (!Shieldability.IsImplicitlySelectable(method))
        {
            if (include != null && !method.IsCompilerGenerated())
            {
                notes.Add(PassedOver(include, operation, "only async methods returning Task, Task<T>, ValueTask or ValueTask<T> with a CancellationToken parameter are selected"));
            }

            return null;
        }

        // A pattern is broad and may span code whose builders the user did not choose: only [Shield] reports SHIELD013.
        if (typeAttribute is null && include != null && Shieldability.CustomBuilder(method) is { } builder)
        {
            notes.Add(PassedOver(include, operation, $"it is built by the custom async method builder {TypeNames.Readable(builder)}, and Shield only proxies the standard builders"));
            return null;
        }

        patternUses.Count(include);
        return typeAttribute != null
            ? new(method, operation, Selector.TypeAttribute, null, typeTimeout)
            : new(method, operation, Selector.IncludePattern, include?.Text, 0);
    }

    static string PassedOver(WildcardPattern include, string operation, string reason) =>
        $"Shield: the Include pattern '{include}' matches {operation}, which is passed over: {reason}.";

    static int? TimeoutOf(CustomAttribute? attribute) =>
        attribute?.Properties.Where(p => p.Name == WeaveContract.ShieldAttribute.TimeoutMilliseconds).Select(p => (int?)(int)p.Argument.Value).FirstOrDefault();
}
