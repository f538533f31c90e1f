using Azure;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Storage.Sqlite;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

/// <summary>
/// Reaction kudos when Slack's events run side by side on the queue's workers: clap, unclap and clap again, with the
/// removal held just before it looks for the kudos, still ends with the kudos standing (the last event wins).
/// </summary>
public sealed class ReactionRaceTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("review17-").FullName;
    private GateStore _store = null!;
    private TestChat _chat = null!;
    private const string Ref = "C0WELLNESS/1700000050.000100/clap";

    public async Task InitializeAsync()
    {
        _store = new GateStore(new SqliteTableStore(Path.Combine(_folder, "p.db")));
        _chat = new TestChat(store: _store);
        await _chat.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private Task<Transcript> React(bool added, long at) => _chat.RunAsync(new Turn
    {
        From = Ana, Conversation = WellnessChannel, ReceivedAt = _chat.Clock.GetUtcNow(), Bot = TheBot,
        Submission = new FormSubmission(added ? KudosDialog.ReactedAction : KudosDialog.UnreactedAction, new Dictionary<string, string>
        {
            [KudosDialog.AuthorValue] = "aad-ben", [KudosDialog.MessageValue] = Ref, [KudosDialog.EventTimeValue] = at.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }) { FromChannelEvent = true },
    });

    private Task<List<KudosRecord>> Month() => _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);

    /// <summary>clap (1), unclap (2), clap (3): Slack's last word is "added", however late the removal's turn finishes.</summary>
    [Fact]
    public async Task AClapAfterAnUnclapStillStandsWhenTheUnclapFinishesLast()
    {
        await React(added: true, at: 1);
        Assert.Single(await Month());

        var kudosId = KudosStore.IdFor(Ana.Key + "|reaction:" + Ref);
        _store.HoldNextRead(StorageKeys.Kudos(new Month(2026, 11), kudosId));
        var removal = Task.Run(() => React(added: false, at: 2)); // records 2, then is held just before it looks for the kudos
        await _store.Held;
        await React(added: true, at: 3);                        // records 3, finds the kudos still there
        _store.Release();
        await removal;                                           // withdraws it, then settles on the last event: given again

        Assert.Single(await Month()); // the clap is on the message: the kudos must stand
    }

    [Fact]
    public async Task ErasingThePersonWhoClappedForgetsWhoseMessageItWasAndItsWords()
    {
        await React(added: true, at: 1);
        var id = KudosStore.IdFor(Ana.Key + "|reaction:" + Ref);
        var ledger = _chat.Services.GetRequiredService<ReactionLedger>();
        Assert.NotNull(await ledger.LatestAsync(id, default));

        await _chat.Services.GetRequiredService<WellnessBot.Dialogs.Privacy.PersonalData>().EraseAsync(Ana, default);

        Assert.Null(await ledger.LatestAsync(id, default));
        Assert.Empty(await Month());
    }

    private sealed class GateStore(ITableStore inner) : ITableStore
    {
        private (string, string)? _hold;
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Held => _held.Task;
        public void HoldNextRead((string, string) key) => _hold = key;
        public void Release() => _release.TrySetResult();
        public string ProviderName => inner.ProviderName;
        public string Location => inner.Location;
        public ITableClient GetTableClient(string tableName) => new Table(inner.GetTableClient(tableName), this);
        public Task<StoreHealth> CheckHealthAsync(CancellationToken ct = default) => inner.CheckHealthAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        private sealed class Table(ITableClient table, GateStore store) : ITableClient
        {
            public string Name => table.Name;
            public Task CreateIfNotExistsAsync(CancellationToken ct = default) => table.CreateIfNotExistsAsync(ct);
            public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default)
            {
                if (store._hold is { } h && h == (partitionKey, rowKey))
                {
                    store._hold = null;
                    store._held.TrySetResult();
                    await store._release.Task;
                }
                return await table.GetEntityAsync(partitionKey, rowKey, ct);
            }
            public Task<ETag> AddEntityAsync(TableEntity entity, CancellationToken ct = default) => table.AddEntityAsync(entity, ct);
            public Task<ETag> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) => table.UpsertEntityAsync(entity, mode, ct);
            public Task<ETag> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default) => table.UpdateEntityAsync(entity, ifMatch, mode, ct);
            public Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken ct = default) => table.DeleteEntityAsync(partitionKey, rowKey, ifMatch, ct);
            public Task<TablePage> QueryPageAsync(TableQuery query, string? continuationToken = null, CancellationToken ct = default) => table.QueryPageAsync(query, continuationToken, ct);
            public Task<IReadOnlyList<ETag>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default) => table.SubmitTransactionAsync(actions, ct);
        }
    }
}

/// <summary>"kudos @Chen" waiting in the channel is not lost to a form from another draft, even one that needs another look.</summary>
public sealed class KudosFromAnotherFormTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();
    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task AFormFromAnotherDraftShownAgainLeavesTheKudosWaitingInTheChannel()
    {
        var ana = _chat.As(Ana).In(WellnessChannel);
        await ana.Send("kudos @Chen Fellow", [Chen]); // asks what to say to Chen: waits
        // "Give kudos" on Ben's message, sent without a message first (the form comes back), then with one.
        var other = Guid.NewGuid().ToString("N");
        (await ana.Submit(KudosDialog.SubmitAction, ("draft", other), (KudosCards.RecipientsInput, "aad-ben"), (KudosCards.MessageInput, ""))).ExpectCard(KudosCards.FormKind);
        await ana.Submit(KudosDialog.SubmitAction, ("draft", other), (KudosCards.RecipientsInput, "aad-ben"), (KudosCards.MessageInput, "thanks for the ICU list"));
        var reply = await ana.Send("for the sign-out at 6");

        var month = await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);
        Assert.True(month.Any(k => k.Recipients.Any(r => r.Key == Chen.Key) && k.Message.Contains("sign-out", StringComparison.Ordinal)),
            "Chen's kudos was lost; the bot answered: " + reply.Describe());
    }

    [Fact]
    public async Task AFormFromAnotherDraftSavedAtOnceLeavesItToo()
    {
        var ana = _chat.As(Ana).In(WellnessChannel);
        await ana.Send("kudos @Chen Fellow", [Chen]);
        await ana.Submit(KudosDialog.SubmitAction, ("draft", Guid.NewGuid().ToString("N")), (KudosCards.RecipientsInput, "aad-ben"), (KudosCards.MessageInput, "thanks for the ICU list"));
        await ana.Send("for the sign-out at 6");
        var month = await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);
        Assert.Contains(month, k => k.Recipients.Any(r => r.Key == Chen.Key) && k.Message.Contains("sign-out", StringComparison.Ordinal));
    }
}
