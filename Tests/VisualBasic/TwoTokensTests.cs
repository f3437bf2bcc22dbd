using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: two token parameters.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class TwoTokensTests(Flavor flavor) : Tests.TwoTokensTests(flavor);
