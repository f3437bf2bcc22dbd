using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: the fault ends the task inside VB's ProjectData.SetProjectError/ClearProjectError pair.</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class ThrowAfterAwaitTests(Flavor flavor) : Tests.ThrowAfterAwaitTests(flavor);
