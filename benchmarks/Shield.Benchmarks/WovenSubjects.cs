using System;
using System.Linq;
using System.Reflection;
using Shield.Benchmarks.Subjects;

namespace Shield.Benchmarks;

/// <summary>Refuses to measure subjects that Fody did not weave: the shielded columns would time unwoven code.</summary>
public static class WovenSubjects
{
    public static void Require()
    {
        var unwoven = typeof(Orders).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.Name.StartsWith("Shielded", StringComparison.Ordinal) && !method.IsDefined(typeof(ShieldedMethodAttribute)))
            .Select(method => method.Name)
            .ToList();
        if (unwoven.Count > 0)
        {
            throw new InvalidOperationException($"The benchmark subjects were built without weaving ({string.Join(", ", unwoven)} carry no [ShieldedMethod], the weaver's mark); build them with Fody enabled.");
        }
    }
}
