using Shield.Fody.Diagnostics;
using Shield.Fody.Model;
using Shield.Fody.Selection;

namespace Shield.Fody.Analysis;

/// <summary>Turns candidates into targets, reporting every candidate that cannot be woven as it is.</summary>
internal static class TargetValidator
{
    public static IReadOnlyList<ShieldTarget> Validate(IEnumerable<ShieldCandidate> candidates, ICollection<Diagnostic> diagnostics)
    {
        var targets = new List<ShieldTarget>();
        foreach (var candidate in candidates)
        {
            var target = Validate(candidate, diagnostics);
            if (target != null)
            {
                targets.Add(target);
            }
        }

        return targets;
    }

    static ShieldTarget? Validate(ShieldCandidate candidate, ICollection<Diagnostic> diagnostics)
    {
        var method = candidate.Method;
        var problem = Shieldability.Check(method, candidate.Operation, candidate.TimeoutMilliseconds);
        if (problem != null)
        {
            diagnostics.Add(problem);
            return null;
        }

        var shape = TaskShape.Of(method.ReturnType)!;
        var tokens = method.Parameters
            .Where(p => p.ParameterType.IsTokenType())
            .Select(p => new TokenParameter(p, p.ParameterType.IsNullableCancellationToken()))
            .ToList();

        var stateMachine = method.GetAsyncStateMachineType();
        if (stateMachine is null)
        {
            return new ShieldTarget(candidate, shape, tokens, null);
        }

        var plan = AsyncMethodAnalyzer.Analyze(method, stateMachine, shape, candidate.Operation, diagnostics);
        return plan is null ? null : new ShieldTarget(candidate, shape, tokens, plan);
    }
}
