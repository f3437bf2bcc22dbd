using System.Xml.Linq;
using Shield.Fody.Diagnostics;

namespace Shield.Fody.Configuration;

/// <summary>
/// The <c>&lt;Shield /&gt;</c> element of FodyWeavers.xml. Every setting is optional: <c>&lt;Shield /&gt;</c> alone
/// shields the methods that carry <c>[Shield]</c>. <c>Calls</c> names methods of code the assembly does not own whose
/// call sites are shielded.
/// </summary>
internal sealed record ShieldConfiguration(
    IReadOnlyList<WildcardPattern> Include,
    IReadOnlyList<WildcardPattern> Exclude,
    IReadOnlyCollection<string> NoWarn,
    IReadOnlyList<WildcardPattern> Calls)
{
    public static readonly ShieldConfiguration Default = new([], [], [], []);

    static readonly string[] KnownAttributes = [nameof(Include), nameof(Exclude), nameof(NoWarn), nameof(Calls)];

    /// <summary>Reads the element; problems become diagnostics and the setting they concern is ignored.</summary>
    public static ShieldConfiguration Read(XElement element, ICollection<Diagnostic> diagnostics)
    {
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && !KnownAttributes.Contains(a.Name.LocalName)))
        {
            diagnostics.Add(Invalid($"<Shield /> has an unknown attribute '{attribute.Name.LocalName}'. Known attributes: {string.Join(", ", KnownAttributes)}. Remove it or fix its spelling."));
        }

        foreach (var child in element.Elements())
        {
            diagnostics.Add(Invalid($"<Shield /> has an unknown element <{child.Name.LocalName}>. Put settings in attributes instead: {string.Join(", ", KnownAttributes)}."));
        }

        return new ShieldConfiguration(
            ReadPatterns(element, nameof(Include), diagnostics),
            ReadPatterns(element, nameof(Exclude), diagnostics),
            ReadNoWarn(element, diagnostics),
            ReadPatterns(element, nameof(Calls), diagnostics));
    }

    static List<WildcardPattern> ReadPatterns(XElement element, string name, ICollection<Diagnostic> diagnostics)
    {
        var value = element.Attribute(name)?.Value;
        if (value is null)
        {
            return [];
        }

        var entries = value.Split(';').Select(entry => entry.Trim()).ToList();
        if (entries.Any(entry => entry.Length == 0))
        {
            diagnostics.Add(Invalid($"<Shield {name}=\"{value}\" /> contains an empty pattern. Separate patterns with single semicolons, for example {name}=\"MyApp.Orders.*Async;MyApp.Billing.*\"."));
            entries.RemoveAll(entry => entry.Length == 0);
        }

        return entries.Select(entry => new WildcardPattern(entry)).ToList();
    }

    static HashSet<string> ReadNoWarn(XElement element, ICollection<Diagnostic> diagnostics)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var value = element.Attribute(nameof(NoWarn))?.Value;
        if (value is null)
        {
            return ids;
        }

        foreach (var entry in value.Split(';').Select(entry => entry.Trim()).Where(entry => entry.Length > 0))
        {
            var descriptor = ShieldDiagnostics.All.FirstOrDefault(d => string.Equals(d.Id, entry, StringComparison.OrdinalIgnoreCase));
            if (descriptor is null)
            {
                diagnostics.Add(Invalid($"<Shield NoWarn=\"{value}\" /> names '{entry}', which is not a Shield diagnostic ID. Remove it."));
            }
            else if (descriptor.Severity == DiagnosticSeverity.Error)
            {
                diagnostics.Add(Invalid($"<Shield NoWarn=\"{value}\" /> names {descriptor.Id}, which is an error; errors cannot be suppressed. Remove it."));
            }
            else
            {
                ids.Add(descriptor.Id);
            }
        }

        return ids;
    }

    static Diagnostic Invalid(string message) =>
        new(ShieldDiagnostics.InvalidConfiguration, $"FodyWeavers.xml: {message}", null);
}
