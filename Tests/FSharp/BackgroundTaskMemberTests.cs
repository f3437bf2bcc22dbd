using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>A member whose body is <c>backgroundTask { }</c>.</summary>
public class BackgroundTaskMemberTests(Flavor flavor) : FSharpShapeTests(flavor, "BackgroundTaskMember", "in the background");
