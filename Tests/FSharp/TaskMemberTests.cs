using Tests.Infrastructure;

namespace Tests.FSharp;

/// <summary>A member whose body is <c>task { }</c>: Release inlines its state machine into the member, Debug calls TaskBuilder.Run.</summary>
public class TaskMemberTests(Flavor flavor) : FSharpShapeTests(flavor, "TaskMember", 42);
