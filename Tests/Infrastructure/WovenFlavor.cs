using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Xml.Linq;
using Fody;
using Shield.Fody;
using Shield.Testing;

namespace Tests.Infrastructure;

/// <summary>The fixtures of one flavour, woven and loaded into their own load context.</summary>
public sealed class WovenFlavor
{
    static readonly ConcurrentDictionary<Flavor, Lazy<WovenFlavor>> Cache = new();

    WovenFlavor(Flavor flavor, string wovenPath, string runtimeDirectory, TestResult? weaveResult)
    {
        Flavor = flavor;
        AssemblyPath = wovenPath;
        ReferenceDirectory = runtimeDirectory;
        WeaveResult = weaveResult;
        var context = RuntimeLoadContext.InFolder(flavor.ToString(), runtimeDirectory);
        Fixtures = context.LoadFromAssemblyPath(wovenPath);
        Runtime = context.ViewRuntime();
    }

    public Flavor Flavor { get; }

    public string AssemblyPath { get; }

    /// <summary>The fixture build's folder, with the Shield runtime and FixtureSupport the woven assembly references.</summary>
    public string ReferenceDirectory { get; }

    /// <summary>What ExecuteTestRun reported, or null for the MSBuild path (the build itself checked it).</summary>
    public TestResult? WeaveResult { get; }

    public Assembly Fixtures { get; }

    public RuntimeView Runtime { get; }

    /// <summary>The &lt;Shield /&gt; element the fixture builds are woven with, shared with the MSBuild fixture projects.</summary>
    public static XElement FixtureConfiguration { get; } =
        XDocument.Load(Repository.PathOf("fixtures", "CallSites.FodyWeavers.xml")).Root!.Element("Shield")!;

    public static WovenFlavor Get(Flavor flavor) => Cache.GetOrAdd(flavor, f => new Lazy<WovenFlavor>(() => Weave(f))).Value;

    /// <summary>The unwoven fixture build of a configuration and target framework.</summary>
    public static string CompiledFixturePath(string configuration, string targetFramework) =>
        new Flavor(WeavePath.TestRun, configuration, targetFramework).BuiltAssembly;

    static WovenFlavor Weave(Flavor flavor)
    {
        if (flavor.Path == WeavePath.MSBuild)
        {
            var built = flavor.BuiltAssembly;
            return new WovenFlavor(flavor, built, System.IO.Path.GetDirectoryName(built)!, null);
        }

        var compiled = (flavor with { Path = WeavePath.TestRun }).BuiltAssembly;

        // The C# fixtures call into Fixtures.Library through Calls patterns; the VB.NET and F# fixtures do not.
        var weaver = flavor.Compiler == FixtureCompiler.CSharp ? new ModuleWeaver { Config = FixtureConfiguration } : new ModuleWeaver();
        var result = weaver.ExecuteTestRun(compiled, runPeVerify: false);
        if (result.Errors.Count > 0)
        {
            throw new InvalidOperationException($"Weaving {flavor} failed:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors.Select(e => e.Text))}");
        }

        return new WovenFlavor(flavor, result.AssemblyPath, System.IO.Path.GetDirectoryName(compiled)!, result);
    }

    public Type Type(string name) => Fixtures.GetType($"AssemblyToProcess.{name}", throwOnError: true)!;

    public object Create(string typeName, params object?[] arguments) => Activator.CreateInstance(Type(typeName), arguments)!;

    /// <summary>Calls a method by name, rethrowing what it throws as it was thrown.</summary>
    public static T Call<T>(object target, string methodName, params object?[] arguments) =>
        Invoke<T>(target.GetType().GetMethod(methodName)!, target, arguments);

    public T CallStatic<T>(string typeName, string methodName, params object?[] arguments) =>
        Invoke<T>(Type(typeName).GetMethod(methodName)!, null, arguments);

    public static T Invoke<T>(MethodInfo method, object? target, object?[] arguments)
    {
        try
        {
            return (T)method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException exception) when (exception.InnerException != null)
        {
            ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }
}
