using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>A member that starts an <c>async { }</c> with Async.StartAsTask: Release makes that its last call a tail call.</summary>
public class AsyncMemberTests(Flavor flavor) : FSharpShapeTests(flavor, "AsyncMember", 7);
