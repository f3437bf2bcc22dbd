using System.Text.RegularExpressions;
using Shield.Fody.Model;

namespace Shield.Fody.Selection;

/// <summary>
/// Names a method the way every message, event and listing does: <c>Namespace.Type.Method</c>, nested types joined
/// with <c>.</c>, no generic arity, no parameters; a local function as <c>Namespace.Type.Outer.Local</c>, a lambda as
/// <c>Namespace.Type.Outer.&lt;lambda&gt;</c>.
/// </summary>
internal static class OperationName
{
    // <Outer>g__Local|1_0 (local function) and <Outer>b__1_0 (lambda), where Outer may itself be such a name.
    static readonly Regex LocalFunction = new(@"^<(?<outer>.+)>g__(?<local>[^|]+)\|", RegexOptions.CultureInvariant);
    static readonly Regex Lambda = new(@"^<(?<outer>.+)>b__", RegexOptions.CultureInvariant);

    public static string Of(MethodDefinition method) => NameFormat.Member(TypePath(method.DeclaringType), MemberPath(method.Name));

    /// <summary>The method the source wrote: the async method or iterator whose state machine a MoveNext belongs to, else the method itself.</summary>
    public static string OfCaller(MethodDefinition caller) =>
        Of(caller.DeclaringType.DeclaringType?.Methods.FirstOrDefault(m => m.GetAnyStateMachineType() == caller.DeclaringType) ?? caller);

    /// <summary>The user-visible type path: compiler-generated closure types are skipped.</summary>
    public static string TypePath(TypeDefinition type) =>
        NameFormat.TypePath(type, t => t.DeclaringType, t => t.Name, t => t.Namespace);

    static string MemberPath(string name)
    {
        var local = LocalFunction.Match(name);
        if (local.Success)
        {
            return NameFormat.Member(MemberPath(local.Groups["outer"].Value), local.Groups["local"].Value);
        }

        var lambda = Lambda.Match(name);
        if (lambda.Success)
        {
            return NameFormat.Member(MemberPath(lambda.Groups["outer"].Value), NameFormat.Lambda);
        }

        return NameFormat.MemberName(name);
    }
}
