using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Shield.Analyzers.Tests;

/// <summary>
/// The analyzer runs in a real <c>dotnet build</c> with the SDK's own compiler, given to the compiler as an Analyzer
/// item, as the Shield.Fody package gives it from analyzers/dotnet/cs/. An analyzer built against a newer Roslyn
/// than the compiler is skipped with CS9057 ("cannot be used because it references version ... of the compiler"),
/// one the compiler cannot instantiate with CS8032, one that throws with AD0001.
/// </summary>
public class RealBuildTests
{
    static readonly Lazy<(DotnetCli.Result Build, string Sarif)> Built = new(BuildConsumer);

    static (DotnetCli.Result, string) BuildConsumer()
    {
        var folder = Directory.CreateTempSubdirectory("shield-consumer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), ConsumerProject.Csproj("<ErrorLog>build.sarif</ErrorLog>", ""));
            File.WriteAllText(Path.Combine(folder, "Orders.cs"), """
                using System.Threading;
                using System.Threading.Tasks;
                using Shield;

                namespace Consumer
                {
                    public class Orders
                    {
                        [Shield]
                        public async void Fire(CancellationToken ct) => await Task.Delay(1, ct);

                        [Shield]
                        public async Task SaveAsync(int order) => await Task.Delay(order);

                        [Shield]
                        public async Task LoadAsync(CancellationToken ct) => await Task.Delay(1, ct);
                    }
                }
                """);

            // No compiler server: nothing is left running, and the analyzer is loaded from this very file.
            var build = DotnetCli.Run(folder, TimeSpan.FromMinutes(5), "build", "--nologo", "-p:UseSharedCompilation=false");
            var sarif = Path.Combine(folder, "build.sarif");
            return (build, File.Exists(sarif) ? File.ReadAllText(sarif) : "");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void TheErrorFailsTheBuildAtTheMethodsName()
    {
        var (build, _) = Built.Value;

        Assert.That(build.ExitCode, Is.Not.Zero, build.Output);
        Assert.That(build.Lines, Has.Some.Contains(
            "Orders.cs(10,27): error SHIELD001: Consumer.Orders.Fire is async void, so there is no task to hand its caller. Return Task instead."),
            build.Output);
    }

    [Test]
    public void TheWarningIsShownToo()
    {
        var (build, _) = Built.Value;

        Assert.That(build.Lines, Has.Some.Contains("Orders.cs(13,27): warning SHIELD006: Consumer.Orders.SaveAsync has no CancellationToken"), build.Output);
        Assert.That(build.Lines.Where(l => l.Contains(" SHIELD0", StringComparison.Ordinal)).Select(l => l.Split(": ")[1]).Distinct(),
            Is.EquivalentTo(new[] { "error SHIELD001", "warning SHIELD006" }), build.Output);
    }

    [Test]
    public void TheCompilerLoadsTheAnalyzer()
    {
        var (build, _) = Built.Value;

        Assert.That(build.Output, Does.Not.Contain("CS9057").And.Not.Contain("CS8032").And.Not.Contain("AD0001"), build.Output);
    }

    [Test]
    public void TheHelpLinkReachesTheBuildsErrorLog()
    {
        var (_, sarif) = Built.Value;

        Assert.That(sarif, Does.Contain("SHIELD001").And.Contain(ShieldDescriptors.HelpLink));
    }
}
