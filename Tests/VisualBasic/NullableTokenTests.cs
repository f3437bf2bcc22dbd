using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: a CancellationToken? parameter.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class NullableTokenTests(Flavor flavor) : Tests.NullableTokenTests(flavor);
