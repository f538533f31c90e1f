using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Tests.Storage;

public sealed class SqliteTableStoreTests : TableStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wellnessbot-sqlite-").FullName;

    private string DatabasePath => Path.Combine(_directory, "store.db");

    protected override ITableStore CreateStore() => new SqliteTableStore($"Data Source={DatabasePath}");

    [Fact]
    public async Task TwoStoresSharingOneFileLikeTwoProcessesLoseNoIncrement()
    {
        // Each store has its own connections and its own write lock, as a second process would.
        await using var other = new SqliteTableStore(DatabasePath);
        var tables = new[] { Table, other.GetTableClient(Table.Name) };
        await Table.AddEntityAsync(new TableEntity("counter", "shared") { ["Value"] = 0 });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var table = tables[worker % 2];
            for (var i = 0; i < 25; i++)
            {
                while (true)
                {
                    var current = (await table.GetEntityAsync("counter", "shared"))!;
                    current["Value"] = current.GetInt32("Value")!.Value + 1;
                    try { await table.UpdateEntityAsync(current, current.ETag); break; }
                    catch (ConcurrencyConflictException) { }
                }
            }
        })));

        Assert.Equal(200, (await other.GetTableClient(Table.Name).GetEntityAsync("counter", "shared"))!.GetInt32("Value"));
    }

    [Fact]
    public async Task TheFileUsesWriteAheadLogging()
    {
        await Table.UpsertEntityAsync(new TableEntity("p", "r"));
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Theory]
    [InlineData(null, "data/wellnessbot.db")]
    [InlineData("  ", "data/wellnessbot.db")]
    [InlineData("custom/bot.db", "custom/bot.db")]
    [InlineData("Data Source=other.db;Cache=Private", "other.db")]
    public void ConnectionStringsMayBePathsOrDataSources(string? value, string expectedDataSource)
    {
        var normalised = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(SqliteTableStore.NormaliseConnectionString(value));
        Assert.Equal(expectedDataSource, normalised.DataSource);
        Assert.False(normalised.Pooling);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a pooled handle may linger on slow machines; temp is cleaned later */ }
    }
}
