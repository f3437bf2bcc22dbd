using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Tests.Infrastructure;

/// <summary>Reads the [ShieldedMethod] markers a weave left on a type, its nested types included.</summary>
public static class ShieldedMethods
{
    public sealed record Marker(MethodInfo Method, string Operation, string SelectedBy, int TimeoutMilliseconds);

    /// <summary>How many methods of an assembly carry the marker.</summary>
    public static int Count(Assembly assembly) =>
        assembly.GetTypes().Sum(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Count(method => method.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "Shield.ShieldedMethodAttribute")));

    public static IReadOnlyList<Marker> Of(Type type) =>
        [.. new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(method => method.GetCustomAttributesData()
                .Where(a => a.AttributeType.FullName == "Shield.ShieldedMethodAttribute")
                .Select(a => new Marker(method, (string)a.ConstructorArguments[0].Value!, (string)a.ConstructorArguments[1].Value!, (int)a.ConstructorArguments[2].Value!)))];
}
