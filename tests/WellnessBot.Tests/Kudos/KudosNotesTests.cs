using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Outbox;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

/// <summary>The private note each recipient gets: through the outbox, so it arrives once even when the channel or the process fails.</summary>
public sealed class KudosNotesTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private int NotesTo(WellnessBot.Dialogs.Turns.UserRef person) =>
        _chat.Messenger.ToUsers.Count(m => m.To.Key == person.Key && m.Message.Text?.Contains("recognised you", StringComparison.Ordinal) == true);

    [Fact]
    public async Task ANoteTheChannelCouldNotTakeArrivesLaterOnceAndTheGiverIsNotToldItFailed()
    {
        _chat.Messenger.Failing.Add(Ben.Id);
        var said = await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident thanks for the handoff", [Ben], activityId: "teams-1");
        said.ExpectCard(KudosCards.ConfirmationKind);
        Assert.DoesNotContain(said.Private.Concat(said.Public), m => m.Text?.Contains("couldn't send", StringComparison.Ordinal) == true);
        Assert.Equal(0, NotesTo(Ben));

        _chat.Messenger.Failing.Clear();
        _chat.Clock.Advance(TimeSpan.FromMinutes(1));
        await _chat.Services.GetRequiredService<Outbox>().SendDueAsync(default);
        Assert.Equal(1, NotesTo(Ben));

        // The same activity delivered again: one kudos, and no second note.
        await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident thanks for the handoff", [Ben], activityId: "teams-1");
        Assert.Equal(1, NotesTo(Ben));
        Assert.Single(await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default));
    }

    [Fact]
    public async Task ATurnRunAgainAfterTheKudosWasSavedSendsTheNotesItHadNotSentYet()
    {
        // As a process that saved the kudos and died before any note left: the turn is run again from the inbox.
        _chat.Messenger.Unreachable.Add(Ben.Id);
        _chat.Messenger.Unreachable.Add(Chen.Id);
        await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident @Chen Fellow thanks", [Ben, Chen], activityId: "teams-2");
        var table = _chat.Store.GetTableClient(StorageKeys.OutboxTable);
        foreach (var row in await table.QueryAllAsync(TableQuery.AcrossPartitions()))
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        _chat.Messenger.Unreachable.Clear();
        await _chat.RestartAsync();

        await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident @Chen Fellow thanks", [Ben, Chen], activityId: "teams-2");
        await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident @Chen Fellow thanks", [Ben, Chen], activityId: "teams-2");
        Assert.Equal((1, 1), (NotesTo(Ben), NotesTo(Chen)));
        Assert.Equal(2, Assert.Single(await _chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default)).Recipients.Count);
    }
}
