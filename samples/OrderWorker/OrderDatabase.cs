using Microsoft.Data.Sqlite;

namespace OrderWorker;

/// <summary>The orders' SQLite file: one row per save step, so a half-saved order is visible.</summary>
public sealed class OrderDatabase(string path)
{
    public const int Steps = 3;

    readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    public void Create()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS order_steps (order_id INTEGER NOT NULL, step INTEGER NOT NULL, PRIMARY KEY (order_id, step))";
        command.ExecuteNonQuery();
    }

    public async Task StoreStepAsync(int order, int step, CancellationToken ct)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO order_steps (order_id, step) VALUES ($order, $step)";
        command.Parameters.AddWithValue("$order", order);
        command.Parameters.AddWithValue("$step", step);
        await command.ExecuteNonQueryAsync(ct);
    }

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
