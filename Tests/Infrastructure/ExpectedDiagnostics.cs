using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Tests.Infrastructure;

/// <summary>
/// The diagnostics a fixture's source promises with <c>// expect SHIELDnnn Operation</c> comments: the weaver must
/// report that ID, naming that operation, at that line (or, with "without a location", at none).
/// </summary>
public static partial class ExpectedDiagnostics
{
    public sealed record Expected(string Id, string Operation, string File, int? Line)
    {
        public override string ToString() => $"{Id} {Operation} at {Path.GetFileName(File)}:{Line?.ToString() ?? "none"}";
    }

    public static IReadOnlyList<Expected> In(string folder) =>
        [.. Directory.GetFiles(folder, "*.cs")
            .OrderBy(file => file, System.StringComparer.Ordinal)
            .SelectMany(file => File.ReadAllLines(file).Select((text, index) => (file, text, line: index + 1)))
            .Select(entry => (entry.file, entry.line, match: Marker().Match(entry.text)))
            .Where(entry => entry.match.Success)
            .Select(entry => new Expected(
                entry.match.Groups["id"].Value,
                entry.match.Groups["operation"].Value,
                entry.file,
                entry.match.Groups["nowhere"].Success ? null : entry.line))];

    [GeneratedRegex(@"// expect (?<id>SHIELD\d{3}) (?<operation>\S+)(?<nowhere> without a location)?$")]
    private static partial Regex Marker();
}
