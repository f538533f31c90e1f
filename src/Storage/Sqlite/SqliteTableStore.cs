using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace WellnessBot.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file (WAL mode), one SQL table per logical table.
/// Writes from this process go through one writer that group-commits them (<see cref="SqliteWriter"/>), so they
/// never spin on SQLITE_BUSY; ETag checks are done inside the SQL statements, so a second process sharing the
/// file is still safe.
/// </summary>
public sealed class SqliteTableStore : ITableStore
{
    public const string DefaultDataSource = "data/wellnessbot.db";

    private readonly ConcurrentDictionary<string, SqliteTableClient> _tables = new(StringComparer.OrdinalIgnoreCase);

    public SqliteTableStore(string? connectionString = null)
    {
        ConnectionString = NormaliseConnectionString(connectionString);
        Pool = new SqliteConnectionPool(ConnectionString);
        Writer = new SqliteWriter(this);
    }

    public string ProviderName => "Sqlite";
    public string Location => Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
    public string ConnectionString { get; }
    internal SqliteConnectionPool Pool { get; }
    internal SqliteWriter Writer { get; }

    /// <summary>Accepts "Data Source=…" strings, bare file paths, or nothing (data/wellnessbot.db).</summary>
    internal static string NormaliseConnectionString(string? value)
    {
        var builder = string.IsNullOrWhiteSpace(value)
            ? new SqliteConnectionStringBuilder { DataSource = DefaultDataSource }
            : value.Contains('=', StringComparison.Ordinal)
                ? new SqliteConnectionStringBuilder(value)
                : new SqliteConnectionStringBuilder { DataSource = value.Trim() };
        builder.Pooling = false; // the store keeps its own pool, with prepared statements
        if (builder.Mode != SqliteOpenMode.Memory && !builder.DataSource.StartsWith(':'))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                try { Directory.CreateDirectory(directory); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Reported by the first operation and the health check, not at construction.
                }
            }
        }
        return builder.ToString();
    }

    public ITableClient GetTableClient(string tableName)
    {
        EntityRules.ValidateTableName(tableName);
        return _tables.GetOrAdd(tableName, name => new SqliteTableClient(this, name));
    }

    public Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default)
    {
        try
        {
            Run(connection =>
            {
                var command = connection.Command("SELECT 1");
                return command.ExecuteScalar();
            });
            return Task.FromResult(new StoreHealth(true, "Embedded SQLite store answers."));
        }
        catch (TableStoreException ex)
        {
            return Task.FromResult(new StoreHealth(false, ex.Message));
        }
    }

    /// <summary>Runs work on a pooled connection, mapping SQLite failures to the store's typed errors.</summary>
    internal T Run<T>(Func<PooledConnection, T> work, string? table = null)
    {
        PooledConnection pooled;
        try
        {
            pooled = Pool.Rent();
        }
        catch (SqliteException ex)
        {
            throw new TableStoreUnavailableException($"The embedded SQLite store could not be opened: {ex.Message}", ex);
        }

        var broken = false;
        try
        {
            return work(pooled);
        }
        catch (SqliteException ex) when (table is not null && IsMissingTable(ex))
        {
            throw new TableNotFoundException(table, ex);
        }
        catch (SqliteException ex)
        {
            broken = true;
            throw new TableStoreUnavailableException($"The embedded SQLite store failed: {ex.Message}", ex);
        }
        finally
        {
            Pool.Return(pooled, broken);
        }
    }

    internal static bool IsMissingTable(SqliteException ex) =>
        ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        Pool.Dispose();
    }
}
