using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.WovenCode;

/// <summary>
/// Approved text files in Tests/Snapshots/, compared with what a test produced. A difference fails with a diff and
/// leaves <c>NAME.received.txt</c> beside <c>NAME.approved.txt</c> (git ignores received files).
/// <para>
/// <c>SHIELD_ACCEPT_SNAPSHOTS=1</c> accepts: every compared text becomes the approved file. Without it a missing
/// approved file fails like a different one: a snapshot nobody reviewed and committed guards nothing.
/// </para>
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "SHIELD_ACCEPT_SNAPSHOTS";

    const int ContextLines = 3;
    const int MaxDiffLines = 120;

    public static string Folder { get; } = Repository.PathOf("Tests", "Snapshots");

    public static string ApprovedPath(string name) => Path.Combine(Folder, name + ".approved.txt");

    public static string ReceivedPath(string name) => Path.Combine(Folder, name + ".received.txt");

    public static bool Accepting => IsSet(AcceptVariable);

    /// <summary>Compares <paramref name="text"/> with the approved snapshot <paramref name="name"/>.</summary>
    public static void Verify(string name, string text)
    {
        var received = Normalize(text);
        var approvedPath = ApprovedPath(name);
        var receivedPath = ReceivedPath(name);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : null;

        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Accepting)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            TestContext.Progress.WriteLine($"Snapshot {name}: {(approved is null ? "new" : "changed")}, written to {approvedPath}; review it and commit it.");
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(approved is null
            ? $"Snapshot {name} has no approved file. Run the tests with {AcceptVariable}=1, review {approvedPath} and commit it. What this run produced: {receivedPath}"
            : $"Snapshot {name} differs from {approvedPath} (- approved, + received; the whole text is in {receivedPath}). If the change is intended, run the tests with {AcceptVariable}=1 and commit the approved file.\n{Diff(approved, received)}");
    }

    /// <summary>Line ends as \n and exactly one at the end, so a checkout's line endings never matter.</summary>
    public static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    static bool IsSet(string variable) => Environment.GetEnvironmentVariable(variable)?.Trim().ToLowerInvariant() is "1" or "true";

    /// <summary>The changed lines with a little context, like a unified diff without the line numbers.</summary>
    static string Diff(string approved, string received)
    {
        var lines = InlineDiffBuilder.Diff(approved, received, ignoreWhiteSpace: false).Lines;
        var shown = new SortedSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type != ChangeType.Unchanged)
            {
                for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(lines.Count - 1, i + ContextLines); j++)
                {
                    shown.Add(j);
                }
            }
        }

        var diff = new StringBuilder();
        var previous = -1;
        foreach (var index in shown.Take(MaxDiffLines))
        {
            if (index != previous + 1)
            {
                diff.AppendLine("...");
            }

            var line = lines[index];
            diff.Append(line.Type switch
            {
                ChangeType.Deleted => "- ",
                ChangeType.Inserted => "+ ",
                _ => "  ",
            }).AppendLine(line.Text);
            previous = index;
        }

        if (shown.Count > MaxDiffLines)
        {
            diff.AppendLine($"... and {shown.Count - MaxDiffLines} more lines of diff");
        }

        return diff.ToString();
    }
}
