using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Fixtures;
using Mono.Cecil;
using NUnit.Framework;
using Shield.Testing;
using Tests.Infrastructure;

namespace Tests;

/// <summary>
/// Include and Exclude, and bad configuration, through Fody's real MSBuild task: AssemblyWithPatterns has no
/// [Shield] and no reference to Shield.Fody.Attributes in its compiled code, so patterns alone select methods and
/// the weaver adds the reference woven code needs.
/// </summary>
[NonParallelizable]
public class ConfigurationTests
{
    const string OrdersConfiguration =
        "<Weavers><Shield Include=\"PatternFixtures.Orders.*Async\" Exclude=\"PatternFixtures.Orders.OrderQueries.*\" /></Weavers>";

    static readonly Lazy<DotnetCli.Result> OrdersBuild = new(() => Build("orders", OrdersConfiguration, "-v:detailed"));

    static DotnetCli.Result Build(string configurationCase, string weaverConfiguration, params string[] extraArguments)
    {
        foreach (var folder in new[] { "obj", "bin" })
        {
            var path = Repository.PathOf("fixtures", "AssemblyWithPatterns", folder, configurationCase);
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }

        return DotnetCli.Run(
            Repository.Root,
            TimeSpan.FromMinutes(5),
            new Dictionary<string, string?>
            {
                ["ShieldConfigurationCase"] = configurationCase,
                ["ShieldWeaverConfiguration"] = weaverConfiguration,
                ["FodyTreatWarningsAsErrors"] = "false",
            },
            ["build", Repository.PathOf("fixtures", "AssemblyWithPatterns", "AssemblyWithPatterns.csproj"), "--nologo", .. extraArguments]);
    }

    static string BuiltAssembly(string configurationCase) =>
        Repository.PathOf("fixtures", "AssemblyWithPatterns", "bin", configurationCase, "net10.0", "AssemblyWithPatterns.dll");

    [Test]
    public void IncludeSelectsShieldableMethodsAndExcludeWins()
    {
        Assert.That(OrdersBuild.Value.ExitCode, Is.Zero, OrdersBuild.Value.Output);
        using var module = ModuleDefinition.ReadModule(BuiltAssembly("orders"));
        var shielded = module.GetTypes().SelectMany(t => t.Methods)
            .Where(m => m.CustomAttributes.Any(a => a.AttributeType.Name == "ShieldedMethodAttribute"))
            .Select(m => $"{m.DeclaringType.Name}.{m.Name}: {m.CustomAttributes.Single(a => a.AttributeType.Name == "ShieldedMethodAttribute").ConstructorArguments[1].Value}");

        Assert.That(shielded, Is.EquivalentTo(new[]
        {
            "OrderService.SaveAsync: Include pattern 'PatternFixtures.Orders.*Async'",
            "OrderService.CountAsync: Include pattern 'PatternFixtures.Orders.*Async'",
        }));
        Assert.That(module.AssemblyReferences.Select(r => r.Name), Does.Contain("Shield.Fody.Attributes"), "the weaver added the reference");
    }

    [Test]
    public void MethodsAPatternPassesOverAreListedAtDetailedVerbosity()
    {
        var passedOver = OrdersBuild.Value.Lines.Where(line => line.Contains("which is passed over")).ToList();
        Assert.That(passedOver, Has.Some.Contains("PatternFixtures.Orders.OrderService.PassThroughAsync"));
        Assert.That(passedOver, Has.Some.Contains("PatternFixtures.Orders.OrderService.WithoutTokenAsync"));
        Assert.That(passedOver, Has.Some.Contains("PatternFixtures.Orders.PooledOrderService.ReadAsync"));
        Assert.That(OrdersBuild.Value.Lines, Has.Some.Contains("PatternFixtures.Orders.OrderQueries.FindAsync is excluded by the Exclude pattern 'PatternFixtures.Orders.OrderQueries.*'"));
    }

    /// <summary>SHIELD013 is for [Shield]: a pattern passes over a method built by a custom builder, as ExecuteTestRun shows in PatternOverCustomBuilderTests.</summary>
    [Test]
    public void APatternPassesOverACustomBuilderWithoutAnError()
    {
        Assert.That(OrdersBuild.Value.ExitCode, Is.Zero, OrdersBuild.Value.Output);
        Assert.That(OrdersBuild.Value.Lines, Has.None.Contains("SHIELD013"));
        Assert.That(OrdersBuild.Value.Lines, Has.Some.Contains(
            "the Include pattern 'PatternFixtures.Orders.*Async' matches PatternFixtures.Orders.PooledOrderService.ReadAsync, which is passed over: it is built by the custom async method builder PoolingAsyncValueTaskMethodBuilder<Int32>"));
    }

    [Test]
    public async Task ASelectedMethodIsShieldedAndAnExcludedOneIsNot()
    {
        Assert.That(OrdersBuild.Value.ExitCode, Is.Zero, OrdersBuild.Value.Output);
        var built = BuiltAssembly("orders");
        var context = RuntimeLoadContext.InFolder("patterns", Path.GetDirectoryName(built)!);
        var assembly = context.LoadFromAssemblyPath(built);

        var shieldedProbe = new Probe();
        await ShieldScenarios.BodyOutlivesCaller(shieldedProbe, ct => Call(assembly, "PatternFixtures.Orders.OrderService", "SaveAsync", shieldedProbe, ct));

        var excludedProbe = new Probe();
        using var caller = new CancellationTokenSource();
        var excluded = Call(assembly, "PatternFixtures.Orders.OrderQueries", "FindAsync", excludedProbe, caller.Token);
        await Limits.Within(excludedProbe.AtGate, "the body to reach its gate");
        caller.Cancel();
        await Assert.CatchAsync<OperationCanceledException>(() => Limits.Within(excluded, "the call"));
        Assert.That(excludedProbe.Steps, Does.Not.Contain("saved"), "the excluded method was canceled with its caller");
    }

    static Task Call(Assembly assembly, string type, string method, Probe probe, CancellationToken ct) =>
        WovenFlavor.Call<Task>(Activator.CreateInstance(assembly.GetType(type, throwOnError: true)!)!, method, probe, ct);

    [Test]
    public void APatternThatSelectsNothingWarnsAndNamesIt()
    {
        var build = Build("nothing", "<Weavers><Shield Include=\"PatternFixtures.Shipping.*\" /></Weavers>");
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains("warning : Fody/Shield: SHIELD011: FodyWeavers.xml: the Include pattern 'PatternFixtures.Shipping.*' selects no method in AssemblyWithPatterns."));
        Assert.That(build.Lines, Has.Some.Contains("warning : Fody/Shield: SHIELD012: "));
    }

    [TestCase("unknown-attribute", "<Shield Inclde=\"PatternFixtures.*\" />", "unknown attribute 'Inclde'")]
    [TestCase("empty-pattern", "<Shield Include=\"\" />", "<Shield Include=\"\" /> contains an empty pattern")]
    public void BadConfigurationFailsTheBuildAndNamesTheProblem(string configurationCase, string shield, string named)
    {
        var build = Build(configurationCase, $"<Weavers>{shield}</Weavers>");
        Assert.That(build.ExitCode, Is.Not.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains("error : Fody/Shield: SHIELD010: FodyWeavers.xml: ").And.Contains(named));
    }
}
