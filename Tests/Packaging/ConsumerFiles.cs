namespace Tests.Packaging;

/// <summary>
/// The projects a user would write around the Shield.Fody package, outside this repository: an app that shields its
/// own methods, a netstandard2.0 library that does, and an app that gets Shield.Fody only through that library.
/// Each app runs the same scenario and exits 0 only when shielding behaved.
/// </summary>
public static class ConsumerFiles
{
    public const string FodyWeavers = """
        <Weavers xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="FodyWeavers.xsd">
          <Shield />
        </Weavers>
        """;

    public static string NuGetConfig(string feed, string packages, string fallback) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{packages}" />
          </config>
          <packageSources>
            <add key="shield-under-test" value="{feed}" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{fallback}" />
          </fallbackPackageFolders>
        </configuration>
        """;

    public static string ShieldedApp(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Shield.Fody" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    public static string ShieldedLibrary(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>netstandard2.0</TargetFramework>
            <LangVersion>latest</LangVersion>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Shield.Fody" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    public const string LibraryUser = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../ShieldedLibrary/ShieldedLibrary.csproj" />
          </ItemGroup>
        </Project>
        """;

    public const string Program = """
        return await Consumer.Scenario.RunAsync();
        """;

    /// <summary>A misuse the analyzer must catch while compiling, before Fody runs, and its code fix can fix.</summary>
    public const string Misuse = """
        namespace Consumer;

        public class Misuse
        {
            [Shield.Shield]
            public async void Fire(System.Threading.CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);
        }
        """;

    /// <summary>Compiled into the shielding projects: a shielded save, a shielded failure, and the checks.</summary>
    public const string Scenario = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Shield;

        namespace Consumer
        {
            public class Orders
            {
                [Shield]
                public async Task<int> SaveAsync(Task gate, List<string> steps, CancellationToken ct)
                {
                    await gate;
                    ct.ThrowIfCancellationRequested();
                    steps.Add("saved");
                    return 42;
                }

                [Shield]
                public async Task FailAsync(Task gate, CancellationToken ct)
                {
                    await gate;
                    throw new InvalidOperationException("disk full");
                }
            }

            public static class Scenario
            {
                public static async Task<int> RunAsync()
                {
                    var faults = 0;
                    ShieldedOperations.UnobservedFault += (_, e) => faults += e.Operation == "Consumer.Orders.FailAsync" ? 1 : 0;

                    var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    var steps = new List<string>();
                    using var caller = new CancellationTokenSource();
                    var saving = new Orders().SaveAsync(gate.Task, steps, caller.Token);
                    var failing = new Orders().FailAsync(gate.Task, caller.Token);
                    caller.Cancel();
                    var canceledAtOnce = saving.IsCanceled && failing.IsCanceled;

                    gate.SetResult(true);
                    await ShieldedOperations.DrainAsync();
                    var woven = Attribute.IsDefined(typeof(Orders).Assembly, typeof(ShieldWovenAttribute));

                    Console.WriteLine($"woven: {woven}");
                    Console.WriteLine($"caller canceled at once: {canceledAtOnce}");
                    Console.WriteLine($"body finished after the caller left: {steps.Contains("saved")}");
                    Console.WriteLine($"faults reported: {faults}");
                    return woven && canceledAtOnce && steps.Contains("saved") && faults == 1 ? 0 : 1;
                }
            }
        }
        """;
}
