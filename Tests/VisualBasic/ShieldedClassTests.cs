using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: a &lt;Shield&gt; class selects its own Async Functions with a token.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class ShieldedClassTests(Flavor flavor) : Tests.ShieldedClassTests(flavor);
