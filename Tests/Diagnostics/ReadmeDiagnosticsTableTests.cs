using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;
using Shield.Fody.Diagnostics;
using Tests.Infrastructure;

namespace Tests.Diagnostics;

/// <summary>The README's Diagnostics table lists every diagnostic the weaver has, with its severity.</summary>
public class ReadmeDiagnosticsTableTests
{
    [Test]
    public void ListsEveryDiagnosticWithItsSeverity()
    {
        var rows = File.ReadAllLines(Repository.PathOf("README.md"))
            .Select(line => Regex.Match(line, @"^\| (SHIELD\d{3}) \| (error|warning) \|"))
            .Where(match => match.Success)
            .Select(match => $"{match.Groups[1].Value} {match.Groups[2].Value}");
        var catalog = ShieldDiagnostics.All.Select(d => $"{d.Id} {(d.Severity == DiagnosticSeverity.Error ? "error" : "warning")}");

        Assert.That(rows, Is.EqualTo(catalog));
    }
}
