using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Tests.Storage;

public sealed class SqliteTableStoreTests : TableStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("wellnessbot-sqlite-").FullName;

    protected override ITableStore CreateStore() => new SqliteTableStore($"Data Source={Path.Combine(_directory, "store.db")}");

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a pooled handle may linger on slow machines; temp is cleaned later */ }
    }
}
