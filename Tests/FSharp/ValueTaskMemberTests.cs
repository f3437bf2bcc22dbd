using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>A member returning a ValueTask that wraps a <c>task { }</c>.</summary>
public class ValueTaskMemberTests(Flavor flavor) : FSharpShapeTests(flavor, "ValueTaskMember", 3);
