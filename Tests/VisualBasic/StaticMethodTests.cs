using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: a Shared Async Function returning Task.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class StaticMethodTests(Flavor flavor) : Tests.StaticMethodTests(flavor);
