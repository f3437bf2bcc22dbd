using Shield.Fody.Configuration;
using Shield.Fody.Model;
using Shield.Fody.Selection;

namespace Shield.Fody.Analysis;

/// <summary>
/// Finds the calls that Calls patterns select: every <c>call</c> or <c>callvirt</c> in the module to a method whose
/// declaration, or whose name on the receiver's static type, a Calls pattern matches, that returns one of the four
/// task types and takes a token. Calls made inside a method that [Shield] weaves, and calls to such methods, are left
/// alone: the first already run with a token that cannot fire, the second already return a proxy.
/// </summary>
internal sealed class CallSiteFinder(ShieldConfiguration configuration, PatternUses patternUses)
{
    /// <param name="module">The module to search.</param>
    /// <param name="targets">The methods this weave shields.</param>
    /// <param name="infos">Receives the sites whose receiver type the IL does not tell, for normal build logs.</param>
    /// <param name="notes">Receives the matching calls passed over and why, for detailed build logs.</param>
    public IReadOnlyList<ShieldedCallSite> Find(ModuleDefinition module, IReadOnlyList<ShieldTarget> targets, ICollection<string> infos, ICollection<string> notes)
    {
        var sites = new List<ShieldedCallSite>();
        if (configuration.Calls.Count == 0)
        {
            return sites;
        }

        var shielded = new HashSet<MethodDefinition>(targets.Select(t => t.Method));
        var insideShielded = new HashSet<MethodDefinition>(shielded.Concat(shielded.SelectMany(m => m.GetAsyncStateMachineType()?.Methods ?? [])));
        foreach (var caller in module.GetTypes().SelectMany(t => t.Methods).Where(m => m.HasBody))
        {
            HashSet<Instruction>? referenced = null;
            foreach (var call in caller.Body.Instructions.Where(i => i.OpCode.Code is Code.Call or Code.Callvirt && i.Operand is MethodReference))
            {
                var site = Select(call, caller, referenced ??= caller.Body.ReferencedInstructions(), infos, notes);
                if (site is null)
                {
                    continue;
                }

                if (insideShielded.Contains(caller))
                {
                    notes.Add($"Shield: the call to {site.Operation} in {OperationName.OfCaller(caller)} is left alone: [Shield] already weaves the method that makes it.");
                }
                else if (IsShielded(site.Callee, module, shielded))
                {
                    notes.Add($"Shield: the call to {site.Operation} in {OperationName.OfCaller(caller)} is left alone: this weave already shields {site.Operation}.");
                }
                else
                {
                    patternUses.Count(configuration.Calls.First(p => p.Text == site.Pattern));
                    sites.Add(site);
                }
            }
        }

        return sites;
    }

    ShieldedCallSite? Select(Instruction call, MethodDefinition caller, HashSet<Instruction> referenced, ICollection<string> infos, ICollection<string> notes)
    {
        var callee = (MethodReference)call.Operand;
        var declared = NameFormat.Member(ReceiverType.NameOf(callee.DeclaringType), NameFormat.MemberName(callee.Name));
        var receiverType = ReceiverType.Of(call, caller, referenced);
        var receiver = receiverType is null ? null : NameFormat.Member(ReceiverType.NameOf(receiverType), NameFormat.MemberName(callee.Name));
        var pattern = Matching(configuration.Calls, receiver, declared);
        if (pattern is null)
        {
            return null;
        }

        var operation = receiver ?? declared;
        var where = $"the call to {operation} in {OperationName.OfCaller(caller)} (IL_{call.Offset:x4})";
        if (Matching(configuration.Exclude, receiver, declared) is { } exclude)
        {
            patternUses.Count(exclude);
            notes.Add($"Shield: {where} is excluded by the Exclude pattern '{exclude}'.");
            return null;
        }

        var shape = TaskShape.Of(callee.ReturnType);
        var tokens = Enumerable.Range(0, callee.Parameters.Count).Where(i => callee.Parameters[i].ParameterType.IsTokenType()).ToList();
        if (shape is null || tokens.Count == 0 || callee.Parameters.Any(p => p.ParameterType is ByReferenceType byRef && byRef.ElementType.IsTokenType()))
        {
            notes.Add($"Shield: the Calls pattern '{pattern}' matches {where}, which is passed over: only calls to methods returning Task, Task<T>, ValueTask or ValueTask<T> that take a CancellationToken (not by ref) are shielded.");
            return null;
        }

        if (callee.HasThis && receiverType is null)
        {
            infos.Add($"Shield: {where}: the IL does not tell the receiver's type, so only the method called, {declared}, was matched.");
        }

        return new ShieldedCallSite(caller, call, shape, tokens, operation, pattern.Text);
    }

    /// <summary>Only a method of this module can be one it shields; resolving others would load their assemblies.</summary>
    static bool IsShielded(MethodReference callee, ModuleDefinition module, HashSet<MethodDefinition> shielded) =>
        callee.DeclaringType.GetElementType().Scope == module && callee.Resolve() is { } definition && shielded.Contains(definition);

    static WildcardPattern? Matching(IReadOnlyList<WildcardPattern> patterns, string? receiver, string declared) =>
        patterns.FirstOrDefault(p => (receiver != null && p.Matches(receiver)) || p.Matches(declared));
}
