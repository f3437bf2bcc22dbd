using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using NUnit.Framework;
using Tests.Infrastructure;

namespace Tests.RealPackage;

/// <summary>
/// A real package: SqliteOrders calls Microsoft.Data.Sqlite (and SqliteJournal, a library built on it) and is woven
/// by Fody's MSBuild task with Calls patterns; SqliteOrders.Unwoven is the same source, not woven. A write its caller
/// abandoned is kept by the woven build and lost by the control, in a SQLite file.
/// </summary>
[NonParallelizable]
public class SqliteCallSitesTests
{
    static readonly string BuildConfiguration = typeof(SqliteCallSitesTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    static Type Orders(string project) => Assembly
        .LoadFrom(Repository.PathOf("fixtures", project, "bin", BuildConfiguration, "net10.0", project + ".dll"))
        .GetType("SqliteOrders.Orders", throwOnError: true)!;

    static Task Call(string project, string method, params object[] arguments) =>
        (Task)Orders(project).GetMethod(method)!.Invoke(null, arguments)!;

    string _folder = "";
    string _connectionString = "";

    [SetUp]
    public void CreateDatabase()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), $"shield-sqlite-{Guid.NewGuid():N}"));
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "orders.db"), Pooling = false }.ToString();
        Execute("CREATE TABLE orders (id INTEGER); CREATE TABLE lines (id INTEGER); CREATE TABLE journal (entry TEXT)");
    }

    [TearDown]
    public void RemoveDatabase() => Directory.Delete(_folder, recursive: true);

    [TestCase("SqliteOrders", true)]
    [TestCase("SqliteOrders.Unwoven", false)]
    public async Task AStatementAbandonedBeforeItStartsIsWrittenOnlyWhenShielded(string project, bool shielded)
    {
        using var connection = Open();
        using var order = Insert(connection, "orders");
        using var lines = Insert(connection, "lines");
        var betweenStatements = new TaskCompletionSource();
        using var caller = new CancellationTokenSource();

        var save = Call(project, "SaveAsync", order, lines, betweenStatements.Task, caller.Token);
        caller.Cancel();
        betweenStatements.SetResult();

        if (shielded)
        {
            // Microsoft.Data.Sqlite completes the statement synchronously: the caller gets its own completed task.
            await save;
        }
        else
        {
            Assert.That(async () => await save, Throws.InstanceOf<OperationCanceledException>());
        }

        Assert.That(Count("orders"), Is.EqualTo(1));
        Assert.That(Count("lines"), Is.EqualTo(shielded ? 1 : 0), "the second statement, abandoned by its caller");
    }

    [TestCase("SqliteOrders", true)]
    [TestCase("SqliteOrders.Unwoven", false)]
    public async Task AWriteInProgressWhenTheCallerWalksAwayIsKeptOnlyWhenShielded(string project, bool shielded)
    {
        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var journal = new SqliteJournal.Journal(_connectionString, turn.Task);
        using var caller = new CancellationTokenSource();

        var record = Call(project, "RecordAsync", journal, "order 7 paid", caller.Token);
        Assert.That(record.IsCompleted, Is.False, "the journal waits for its turn");
        caller.Cancel();

        Assert.That(async () => await record, Throws.InstanceOf<OperationCanceledException>(), "the caller is released at once");
        Assert.That(Count("journal"), Is.Zero, "released while the write waits for its turn");

        turn.SetResult();
        await Shield.ShieldedOperations.DrainAsync();

        Assert.That(Count("journal"), Is.EqualTo(shielded ? 1 : 0));
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    long Count(string table)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    static SqliteCommand Insert(SqliteConnection connection, string table)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {table} (id) VALUES (7)";
        return command;
    }
}
