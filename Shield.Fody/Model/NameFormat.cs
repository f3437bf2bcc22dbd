using System;
using System.Collections.Generic;

namespace Shield.Fody.Model;

/// <summary>
/// How operation and type names are written, in one place for the weaver, which reads metadata, and the design-time
/// analyzer (which links this file), which reads symbols: <c>Namespace.Type.Method</c>, nested types joined with
/// <c>.</c>, compiler-generated types left out, no generic arity, a lambda as <c>&lt;lambda&gt;</c>.
/// </summary>
internal static class NameFormat
{
    /// <summary>What a lambda is called after the member it is written in.</summary>
    public const string Lambda = "<lambda>";

    /// <summary><c>Outer.Member</c>: a member of a type, or a local function or lambda of a member.</summary>
    public static string Member(string outer, string member) => $"{outer}.{member}";

    /// <summary>A method's metadata name as written in an operation: a constructor (<c>.ctor</c>) without its dot.</summary>
    public static string MemberName(string metadataName) => metadataName.TrimStart('.');

    public static string WithoutArity(string metadataName)
    {
        var tick = metadataName.IndexOf('`');
        return tick < 0 ? metadataName : metadataName.Substring(0, tick);
    }

    /// <summary>The user-visible path of a type: its namespace and the types it is nested in, closure types skipped.</summary>
    /// <param name="type">The type, as metadata or as a symbol.</param>
    /// <param name="containingType">The type it is nested in, or null.</param>
    /// <param name="metadataName">Its metadata name (<c>Outer`1</c>, <c>&lt;&gt;c</c>).</param>
    /// <param name="namespaceName">The namespace of a top-level type, empty for the global namespace.</param>
    public static string TypePath<TType>(TType type, Func<TType, TType?> containingType, Func<TType, string> metadataName, Func<TType, string> namespaceName)
        where TType : class
    {
        var names = new List<string>();
        for (TType? current = type; current != null; current = containingType(current))
        {
            var name = metadataName(current);
            if (!name.StartsWith("<", StringComparison.Ordinal))
            {
                names.Add(WithoutArity(name));
            }

            if (containingType(current) is null && namespaceName(current) is { Length: > 0 } containingNamespace)
            {
                names.Add(containingNamespace);
            }
        }

        names.Reverse();
        return string.Join(".", names);
    }
}
