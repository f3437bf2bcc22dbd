using Fody;
using Shield.Fody.Analysis;
using Shield.Fody.Configuration;
using Shield.Fody.Diagnostics;
using Shield.Fody.Model;
using Shield.Fody.Rewriting;
using Shield.Fody.Selection;

namespace Shield.Fody;

/// <summary>
/// The Fody entry point for <c>&lt;Shield /&gt;</c>: read the configuration, find the methods to shield, validate
/// them, rewrite the valid ones, report.
/// </summary>
public sealed class ModuleWeaver : BaseModuleWeaver
{
    static readonly string WeaverVersion = typeof(ModuleWeaver).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    bool _reportedErrors;

    public override void Execute()
    {
        var diagnostics = new List<Diagnostic>();
        var notes = new List<string>();
        var infos = new List<string>();
        var configuration = ShieldConfiguration.Default;
        var assemblyName = System.IO.Path.GetFileName(ModuleDefinition.FileName ?? ModuleDefinition.Name);
        try
        {
            configuration = ShieldConfiguration.Read(Config, diagnostics);
            if (WeaveMarkers.IsWoven(ModuleDefinition))
            {
                WriteInfo($"Shield: {assemblyName} was already woven by Shield; skipped.");
                return;
            }

            var patternUses = new PatternUses(configuration);
            var candidates = new CandidateFinder(configuration, patternUses).Find(ModuleDefinition, diagnostics, notes);
            var targets = TargetValidator.Validate(candidates, diagnostics);
            var callSites = new CallSiteFinder(configuration, patternUses).Find(ModuleDefinition, targets, infos, notes);
            DisposalTrapFinder.Report(callSites, diagnostics);
            patternUses.ReportUnused(ModuleDefinition.Assembly.Name.Name, diagnostics);
            var shielded = Rewrite(targets, callSites, diagnostics);
            WriteInfo($"Shield: shielded {shielded} methods in {assemblyName}");
            if (configuration.Calls.Count > 0)
            {
                WriteInfo($"Shield: shielded {callSites.Count} calls to {callSites.Select(s => s.Callee.FullName).Distinct().Count()} methods in {assemblyName}");
            }

            if (shielded == 0 && callSites.Count == 0 && !diagnostics.Any(d => d.IsError))
            {
                diagnostics.Add(new(ShieldDiagnostics.NothingShielded,
                    $"<Shield /> is configured for {assemblyName}, but no method was shielded. Put [Shield] on an async method with a CancellationToken parameter, add an Include pattern, or remove <Shield /> from FodyWeavers.xml.",
                    null));
            }
        }
#pragma warning disable CA1031 // The build must get a diagnostic, never a stack trace.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            diagnostics.Add(new(ShieldDiagnostics.InternalError,
                $"Shield.Fody failed unexpectedly while weaving {assemblyName}: {exception.GetType().Name}: {exception.Message}. Please report this with the method that triggers it.",
                null));

            // The error stays one line; the whole exception, stack included, goes to a detailed log for the report.
            notes.Add($"Shield: SHIELD016 while weaving {assemblyName}: {exception}");
        }
        finally
        {
            foreach (var info in infos)
            {
                WriteInfo(info);
            }

            foreach (var note in notes)
            {
                WriteDebug(note);
            }

            new DiagnosticReporter(WriteError, WriteWarning).Report(diagnostics, configuration.NoWarn);
            _reportedErrors = diagnostics.Any(d => d.IsError);
        }
    }

    /// <summary>
    /// Fody writes the module even when a weaver reported errors, and an incremental build would then skip weaving
    /// and succeed. Removing the intermediate assembly makes the next build compile and weave again, so an error
    /// keeps failing the build until it is fixed.
    /// </summary>
    public override void AfterWeaving()
    {
        if (_reportedErrors && System.IO.File.Exists(AssemblyFilePath))
        {
            System.IO.File.Delete(AssemblyFilePath);
            WriteDebug($"Shield: removed {AssemblyFilePath} so that the next build weaves it again.");
        }
    }

    /// <summary>Weaves every target and call site; returns how many targets were woven.</summary>
    int Rewrite(IReadOnlyList<ShieldTarget> targets, IReadOnlyList<ShieldedCallSite> callSites, ICollection<Diagnostic> diagnostics)
    {
        if (targets.Count == 0 && callSites.Count == 0)
        {
            return 0;
        }

        var runtimeAssembly = RuntimeAssembly.Reference(ModuleDefinition, ResolveAssembly, diagnostics);
        if (runtimeAssembly is null)
        {
            return 0;
        }

        var runtime = new RuntimeReferences(ModuleDefinition, runtimeAssembly);
        var operations = new OperationHolder(ModuleDefinition, runtime);
        var shielder = new MethodShielder(runtime, operations);
        foreach (var target in targets)
        {
            shielder.Shield(target);
        }

        CallSiteRedirector.Redirect(ModuleDefinition, shielder.SplitCallers);
        new CallSiteRewriter(runtime, operations).Shield(callSites);

        WeaveMarkers.MarkModule(ModuleDefinition, runtime, WeaverVersion);
        return targets.Count;
    }

    public override IEnumerable<string> GetAssembliesForScanning() => [];

    public override bool ShouldCleanReference => false;
}
