using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: the token is used in an Async Function lambda the shielded method awaits.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class TokenInLambdaTests(Flavor flavor) : Tests.TokenInLambdaTests(flavor);
