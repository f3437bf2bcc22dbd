using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Shield.Analyzers.CodeFixes;
using Tests.Infrastructure;

namespace Shield.Analyzers.Tests;

/// <summary>
/// The fixes in the SDK's own hosts: <c>dotnet format</c> loads them beside the analyzer, as the Shield.Fody package
/// gives both from analyzers/dotnet/cs/, fixes every misuse of a project in one Fix All per rule, and the fixed project
/// builds. The same build reports SHIELD017 against the real ASP.NET Core types.
/// </summary>
public class FixedBuildTests
{
    static readonly Lazy<(DotnetCli.Result Format, DotnetCli.Result Build, string Orders)> Fixed = new(FormatAndBuild);

    static (DotnetCli.Result, DotnetCli.Result, string) FormatAndBuild()
    {
        var folder = Directory.CreateTempSubdirectory("shield-fixed-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), ConsumerProject.Csproj("", $"""
                <FrameworkReference Include="Microsoft.AspNetCore.App" />
                <Analyzer Include="{typeof(ReturnTaskCodeFix).Assembly.Location}" />
                """));
            File.WriteAllText(Path.Combine(folder, "Orders.cs"), """
                using System.Threading;
                using Shield;

                namespace Consumer
                {
                    public class Orders
                    {
                        [Shield]
                        public async void Fire(CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);

                        [Shield(TimeoutMilliseconds = -1)]
                        public async System.Threading.Tasks.Task SaveAsync(CancellationToken ct) => await System.Threading.Tasks.Task.Delay(1, ct);
                    }
                }
                """);
            File.WriteAllText(Path.Combine(folder, "Requests.cs"), """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Http;
                using Shield;

                namespace Consumer
                {
                    public class Requests
                    {
                        [Shield]
                        public async Task LogAsync(HttpContext context, CancellationToken ct)
                        {
                            var path = context.Request.Path;
                            await Task.Delay(1, ct);
                            System.Console.WriteLine(path + context.TraceIdentifier);
                        }
                    }
                }
                """);

            // No compiler server, no build server: nothing is left running.
            var format = DotnetCli.Run(folder, TimeSpan.FromMinutes(5), "format", "analyzers", "--diagnostics", "SHIELD001", "SHIELD015", "--severity", "warn");
            var build = DotnetCli.Run(folder, TimeSpan.FromMinutes(5), "build", "--nologo", "-p:UseSharedCompilation=false");
            return (format, build, File.ReadAllText(Path.Combine(folder, "Orders.cs")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void DotnetFormatAppliesTheFixes()
    {
        var (format, _, orders) = Fixed.Value;

        Assert.That(format.ExitCode, Is.Zero, format.Output);
        Assert.That(orders, Does.Contain("using System.Threading.Tasks;").And.Contain("public async Task Fire(CancellationToken ct)")
            .And.Not.Contain("TimeoutMilliseconds"), format.Output);
    }

    [Test]
    public void TheFixedProjectBuildsWithOnlyTheRequestStateWarningLeft()
    {
        var (_, build, _) = Fixed.Value;

        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(build.Lines.Where(l => l.Contains(" SHIELD0", StringComparison.Ordinal)).Select(l => l.Split(": ")[1]).Distinct(),
            Is.EquivalentTo(new[] { "warning SHIELD017" }), build.Output);
        Assert.That(build.Lines, Has.Some.Contains(
            "Requests.cs(15,45): warning SHIELD017: Consumer.Requests.LogAsync uses context (HttpContext) where it may run after the request has ended"),
            build.Output);
    }
}
