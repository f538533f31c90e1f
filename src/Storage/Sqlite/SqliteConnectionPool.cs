using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace WellnessBot.Storage.Sqlite;

/// <summary>
/// Open connections with their prepared statements kept alive between uses: re-preparing SQL on every call
/// would cost more than the point read itself. Connections are set up once (WAL, synchronous=NORMAL).
/// </summary>
internal sealed class SqliteConnectionPool : IDisposable
{
    private readonly string _connectionString;
    private readonly ConcurrentBag<PooledConnection> _idle = [];
    private bool _disposed;

    public SqliteConnectionPool(string connectionString) => _connectionString = connectionString;

    public PooledConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var pooled) ? pooled : Open();
    }

    public void Return(PooledConnection pooled, bool broken = false)
    {
        if (_disposed || broken) { pooled.Dispose(); return; }
        _idle.Add(pooled);
    }

    private PooledConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // WAL lets readers run while one writer writes; NORMAL is durable across app crashes in WAL mode.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;";
            pragma.ExecuteNonQuery();
        }
        return new PooledConnection(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var pooled))
            pooled.Dispose();
    }
}

internal sealed class PooledConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    /// <summary>A prepared command for this SQL, parameters cleared of old values.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _prepared[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _prepared.Clear();
        Connection.Dispose();
    }
}
