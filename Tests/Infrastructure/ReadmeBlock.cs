using System;
using System.IO;

namespace Tests.Infrastructure;

/// <summary>
/// A generated part of README.md, between <c>&lt;!-- begin: NAME --&gt;</c> and <c>&lt;!-- end: NAME --&gt;</c>, so a test
/// can check it against its source and rewrite it without touching the rest of the file.
/// </summary>
public sealed class ReadmeBlock(string name)
{
    static string ReadmePath => Repository.PathOf("README.md");

    string Begin => $"<!-- begin: {name} -->\n";

    string End => $"<!-- end: {name} -->";

    /// <summary>The text between the markers.</summary>
    public string Read()
    {
        var (readme, start, end) = Locate();
        return readme[start..end];
    }

    /// <summary>Replaces the text between the markers.</summary>
    public void Write(string content)
    {
        var (readme, start, end) = Locate();
        File.WriteAllText(ReadmePath, readme[..start] + content + readme[end..]);
    }

    (string Readme, int Start, int End) Locate()
    {
        var readme = File.ReadAllText(ReadmePath).Replace("\r\n", "\n");
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"README.md has no block '{name}': it needs the lines '{Begin.TrimEnd()}' and '{End}'.");
        }

        return (readme, begin + Begin.Length, end);
    }
}
