using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.Shutdown;

/// <summary>
/// A real shutdown, end to end: the OrderWorker sample runs as its own process, accepts orders and saves them
/// through a [Shield] method in steps against a SQLite file; SIGTERM arrives while a save is between two steps.
/// With AddShieldedShutdown every acknowledged order is completely saved before the host's ShutdownTimeout ends
/// (the service logs no timeout warning); without it (the sample's --no-shielded-shutdown switch) orders are lost.
/// How long the shutdown takes is for benchmarks, not for this test.
/// </summary>
[NonParallelizable]
public partial class SigtermTests
{
    static readonly Lazy<string> BuiltWorker = new(() =>
    {
        var build = DotnetCli.Run(Repository.Root, TimeSpan.FromMinutes(5), "build", Repository.PathOf("samples", "OrderWorker", "OrderWorker.csproj"), "-c", "Release", "--nologo");
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        return Repository.PathOf("samples", "OrderWorker", "bin", "Release", "net10.0", "OrderWorker.dll");
    });

    string _folder = "";

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), $"shield-worker-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task WithShieldedShutdownEveryAcknowledgedOrderIsSaved()
    {
        var run = await RunUntilSigterm(shieldedShutdown: true);

        Assert.That(run.Output, Does.Not.Contain("shutdown timeout").IgnoreCase, "the work drained before the ShutdownTimeout ended");
        Assert.That(run.Acknowledged, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(run.Acknowledged.Where(order => run.StepsStored(order) != 3), Is.Empty, run.Output);
        Assert.That(run.Output, Does.Contain("Shielded work drained"));
    }

    [Test]
    public async Task WithoutItTheSameShutdownLosesOrders()
    {
        var run = await RunUntilSigterm(shieldedShutdown: false);

        Assert.That(run.Acknowledged.Where(order => run.StepsStored(order) != 3), Is.Not.Empty, "the half-saved order was lost: " + run.Output);
    }

    sealed record Run(IReadOnlyList<int> Acknowledged, Func<int, long> StepsStored, string Output);

    async Task<Run> RunUntilSigterm(bool shieldedShutdown)
    {
        var database = Path.Combine(_folder, "orders.db");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in new[] { BuiltWorker.Value, "--database", database }.Concat(shieldedShutdown ? [] : ["--no-shielded-shutdown"]))
        {
            start.ArgumentList.Add(argument);
        }

        var lines = new ConcurrentQueue<string>();
        var betweenTwoSteps = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var worker = Process.Start(start)!;
        worker.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lines.Enqueue(e.Data);
            // A save is between two steps once its first step is stored; wait for two acknowledgements too.
            if (e.Data.EndsWith("step 1/3 stored") && lines.Count(l => l.StartsWith("accepted order")) >= 2)
            {
                betweenTwoSteps.TrySetResult();
            }
        };
        worker.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? "");
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        try
        {
            await Limits.Within(betweenTwoSteps.Task, "a save to be between two steps");
            SendSigterm(worker.Id);
            await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            worker.WaitForExit();

            var output = string.Join(Environment.NewLine, lines);
            var acknowledged = lines.Select(l => AcknowledgedOrder().Match(l)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            var stored = StepsStoredPerOrder(database);
            return new Run(acknowledged, order => stored.GetValueOrDefault(order), output);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    static Dictionary<int, long> StepsStoredPerOrder(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT order_id, COUNT(*) FROM order_steps GROUP BY order_id";
        using var reader = command.ExecuteReader();
        var stored = new Dictionary<int, long>();
        while (reader.Read())
        {
            stored[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return stored;
    }

    /// <summary>The signal a service manager sends, not Process.Kill (SIGKILL), which no process can handle.</summary>
    static void SendSigterm(int processId)
    {
        using var kill = Process.Start("kill", ["-TERM", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.That(kill.ExitCode, Is.Zero, "SIGTERM was sent");
    }

    [GeneratedRegex(@"^accepted order (\d+)$")]
    private static partial Regex AcknowledgedOrder();
}
