using System.Text.Json;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage.Sqlite;

namespace WellnessBot.Tests.Teams;

/// <summary>What the Teams edge keeps about people, and what it gives the features through <see cref="IPeopleDirectory"/>.</summary>
public sealed class ConversationDirectoryTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-directory-").FullName;
    private SqliteTableStore _store = null!;
    private static readonly UserRef Ana = new("msteams", "29:resident-ana", "Ana Resident");

    public async Task InitializeAsync()
    {
        _store = new SqliteTableStore(Path.Combine(_folder, "d.db"));
        foreach (var table in StorageKeys.AllTables) await _store.GetTableClient(table).CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task APersonSeenIsNamedAndAnErasureForgetsTheirAddressAndTheirAadIndex()
    {
        var directory = new ConversationDirectory(_store);
        var activity = JsonSerializer.Deserialize<Activity>(JsonSerializer.Serialize(TeamsActivities.Personal("https://smba.test/", "hello")))!;
        await directory.RememberAsync(activity, default);

        Assert.Equal("Ana Resident", await directory.NameOfAsync(Ana, default));
        Assert.NotNull(await directory.FindByAadObjectIdAsync("msteams", "0a0a0a0a-0000-4000-8000-000000000001", default));

        Assert.Equal(2, await directory.ForgetAsync(Ana, default));

        Assert.Null(await directory.NameOfAsync(Ana, default));
        Assert.Null(await directory.FindUserAsync(Ana, default));
        Assert.Null(await directory.FindByAadObjectIdAsync("msteams", "0a0a0a0a-0000-4000-8000-000000000001", default));
        // The next message writes the address again (the fingerprint cache does not hide it).
        await directory.RememberAsync(activity, default);
        Assert.Equal("Ana Resident", await directory.NameOfAsync(Ana, default));
    }
}
