using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Shield.Benchmarks;

/// <summary>What the reports outside BenchmarkDotNet share: the median of a few runs, and starting this program again.</summary>
public static class Measurements
{
    /// <summary>The middle value (the upper one of an even count).</summary>
    public static T Median<T>(IEnumerable<T> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Starts this program (<c>dotnet Shield.Benchmarks.dll</c>, however it was started) with <paramref name="args"/>.</summary>
    public static ProcessStartInfo ThisProgram(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(typeof(Measurements).Assembly.Location);
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
