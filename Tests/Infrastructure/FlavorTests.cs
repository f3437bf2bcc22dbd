using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Fixtures;
using NUnit.Framework;
using Shield.Testing;

namespace Tests.Infrastructure;

/// <summary>
/// Base of the behaviour tests: each test runs once per flavour (ExecuteTestRun and MSBuild, Debug and Release,
/// netstandard2.0 and net10.0). Every probe a test makes is opened at the end, and the flavour's shielded work is
/// drained, so no test leaves work behind for the next.
/// </summary>
[TestFixtureSource(typeof(Flavor), nameof(Flavor.All))]
public abstract class FlavorTests(Flavor flavor)
{
    readonly List<Probe> _probes = [];

    protected Flavor Flavor => flavor;

    protected WovenFlavor Woven => WovenFlavor.Get(flavor);

    protected RuntimeView Runtime => Woven.Runtime;

    protected Probe NewProbe()
    {
        var probe = new Probe();
        _probes.Add(probe);
        return probe;
    }

    [TearDown]
    public async Task OpenGatesAndDrain()
    {
        foreach (var probe in _probes)
        {
            probe.Open();
        }

        _probes.Clear();
        await Limits.Within(Runtime.DrainAsync(), "shielded work left behind by the test to drain");
    }
}
