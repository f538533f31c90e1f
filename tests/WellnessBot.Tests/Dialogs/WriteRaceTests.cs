using Microsoft.Extensions.DependencyInjection;
using Azure;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Dialogs;

/// <summary>
/// A write that loses a race (another instance or turn changed the row first) is not an outage: the turn runs
/// again once when it has said nothing yet, and is otherwise answered as the race it was.
/// </summary>
public sealed class WriteRaceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-race-").FullName;
    private RacingStore _store = null!;
    private TestChat _chat = null!;

    public async Task InitializeAsync()
    {
        _store = new RacingStore(new SqliteTableStore(Path.Combine(_folder, "race.db")));
        _chat = new TestChat(store: _store);
        await _chat.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<(string Key, string Value)[]> GiveAndOpenEditAsync()
    {
        var confirmation = (await _chat.As(Ana).Send("kudos @Ben Resident thx", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        var data = confirmation.Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.EditAction).Data.Select(d => (d.Key, d.Value)).ToArray();
        (await _chat.As(Ana).Submit(KudosDialog.EditAction, data)).ExpectCard(KudosCards.EditKind);
        return data;
    }

    [Fact]
    public async Task ARaceLostBeforeAnythingWasSaidIsRunAgainAndSucceeds()
    {
        var data = await GiveAndOpenEditAsync();
        _store.ConflictsLeft = 1;

        var reply = await _chat.As(Ana).Submit(KudosDialog.SaveAction, [.. data, (KudosCards.MessageInput, "thanks for staying late")]);

        Assert.Equal(0, _store.ConflictsLeft);
        Assert.DoesNotContain("storage", reply.Describe(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("thanks for staying late", Assert.Single(await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default)).Message);
    }

    [Fact]
    public async Task ARaceLostTwiceIsSaidAsARaceNotAsAnOutage()
    {
        var data = await GiveAndOpenEditAsync();
        _store.ConflictsLeft = 2;

        var reply = await _chat.As(Ana).Submit(KudosDialog.SaveAction, [.. data, (KudosCards.MessageInput, "thanks for staying late")]);

        reply.ExpectPrivateText("two messages from you at the same moment");
        Assert.DoesNotContain("storage", reply.Describe(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("thx", Assert.Single(await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default)).Message);
    }

    /// <summary>The embedded store, whose kudos updates lose a race as often as the test says.</summary>
    private sealed class RacingStore(ITableStore inner) : ITableStore
    {
        public int ConflictsLeft { get; set; }
        public string ProviderName => inner.ProviderName;
        public string Location => inner.Location;
        public ITableClient GetTableClient(string tableName) =>
            tableName == StorageKeys.KudosTable ? new RacingTable(inner.GetTableClient(tableName), this) : inner.GetTableClient(tableName);
        public Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default) => inner.CheckHealthAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class RacingTable(ITableClient table, RacingStore store) : ITableClient
        {
            public string Name => table.Name;
            public Task CreateIfNotExistsAsync(CancellationToken ct = default) => table.CreateIfNotExistsAsync(ct);
            public Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default) => table.GetEntityAsync(partitionKey, rowKey, ct);
            public Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default) => table.AddEntityAsync(entity, ct);
            public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) => table.UpsertEntityAsync(entity, mode, ct);
            public Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default) => table.DeleteEntityAsync(partitionKey, rowKey, ifMatch, ct);
            public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default) => table.QueryPageAsync(query, continuationToken, ct);
            public Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default) => table.SubmitTransactionAsync(actions, ct);

            public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
            {
                if (store.ConflictsLeft <= 0) return table.UpdateEntityAsync(entity, ifMatch, mode, ct);
                store.ConflictsLeft--;
                throw new ConcurrencyConflictException(Name);
            }
        }
    }
}
