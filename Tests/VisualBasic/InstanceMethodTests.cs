using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.VisualBasic;

/// <summary>The C# shape's tests on its VB.NET twin: an Async Function returning Task(Of Integer).</summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.VisualBasic))]
public class InstanceMethodTests(Flavor flavor) : Tests.InstanceMethodTests(flavor);
