using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Outbox;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Dialogs;

/// <summary>Messages outside a turn's replies: written down first, sent once, tried again with back-off when the channel fails.</summary>
public sealed class OutboxTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();
    private Outbox Outbox => _chat.Services.GetRequiredService<Outbox>();
    private OutboxSettings Settings => _chat.Services.GetRequiredService<OutboxSettings>();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private int NotesTo(UserRef person) => _chat.Messenger.ToUsers.Count(m => m.To.Key == person.Key);

    [Fact]
    public async Task TheSameMessageAskedForTwiceIsSentOnce()
    {
        Assert.Equal(Delivery.Sent, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        Assert.Equal(Delivery.Sent, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        await _chat.RestartAsync();
        Assert.Equal(Delivery.Sent, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        Assert.Equal(1, NotesTo(Ben));

        Assert.Equal(Delivery.Sent, await Outbox.ToUserAsync("note-2", Ben, BotMessage.Say("Thanks again!"), default));
        Assert.Equal(2, NotesTo(Ben));
    }

    [Fact]
    public async Task AChannelThatFailsGetsTheMessageLaterOnceWithBackOffAndTheFailureIsCounted()
    {
        using var postponed = new OutcomeCounter("postponed");
        _chat.Messenger.Failing.Add(Ben.Id);
        Assert.Equal(Delivery.Later, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        Assert.Equal(1, postponed.Count);

        // Not before its back-off (at least 4 s after the first failure), by any instance.
        _chat.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        _chat.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await Outbox.SendDueAsync(default)); // still failing: tried, and put off again, longer
        Assert.Equal(2, postponed.Count);
        _chat.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await Outbox.SendDueAsync(default));

        _chat.Messenger.Failing.Clear();
        await _chat.RestartAsync(); // survives a restart: it is in the store
        _chat.Clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(1, await Outbox.SendDueAsync(default));
        Assert.Equal(1, NotesTo(Ben));
        _chat.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        Assert.Equal(Delivery.Sent, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        Assert.Equal(1, NotesTo(Ben));
    }

    [Fact]
    public async Task AMessageIsGivenUpOnAfterItsLastTryAndNeverSentAfter()
    {
        Settings.MaxAttempts = 3;
        using var gaveUp = new OutcomeCounter("gaveup");
        _chat.Messenger.Failing.Add(Ben.Id);
        await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default);
        for (var i = 0; i < 5; i++)
        {
            _chat.Clock.Advance(TimeSpan.FromHours(1));
            await Outbox.SendDueAsync(default);
        }
        Assert.Equal(1, gaveUp.Count);
        _chat.Messenger.Failing.Clear();
        _chat.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        Assert.Equal(Delivery.Unreachable, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        Assert.Equal(0, NotesTo(Ben));
    }

    [Fact]
    public async Task SomeoneWhoCannotBeReachedIsRecordedSoAndNotTriedAgain()
    {
        _chat.Messenger.Unreachable.Add(Ben.Id);
        Assert.Equal(Delivery.Unreachable, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        _chat.Messenger.Unreachable.Clear();
        Assert.Equal(Delivery.Unreachable, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default));
        _chat.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        Assert.Equal(0, NotesTo(Ben));
    }

    [Fact]
    public async Task AMessageWhoseSenderDiedIsSentByAnotherInstanceOnlyOnceItsHoldIsOver()
    {
        // As an instance that wrote the message down and died before sending it.
        var table = _chat.Store.GetTableClient(StorageKeys.OutboxTable);
        var rows = new OutboxRows(_chat.Store, _chat.Services.GetRequiredService<WellnessBot.Dialogs.Support.DetailsProtector>());
        Assert.NotNull(await rows.AddAsync("note-1", new OutboxLetter(Ben, BotMessage.Say("Thanks!")), _chat.Clock.GetUtcNow() + Settings.Hold, default));

        Assert.Equal(Delivery.Later, await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default)); // held: not ours yet
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        _chat.Clock.Advance(Settings.Hold + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Outbox.SendDueAsync(default));
        Assert.Equal(0, await Outbox.SendDueAsync(default));
        Assert.Equal(1, NotesTo(Ben));
        Assert.Empty(await table.QueryAllAsync(TableQuery.AcrossPartitions().Where("Attempts", FilterOperator.GreaterThan, 0)));
    }

    [Fact]
    public async Task AWaitingMessageIsEncryptedAndEveryKindOfCardReadsBackAsItWasBuilt()
    {
        var card = new Card("everything")
        {
            Title = "All of it",
            Summary = "summary",
            Body =
            [
                new TextBlock("Ana thanked you for covering the pager", TextStyle.Heading),
                new FactSet([new Fact("Category", "teamwork")]),
                new TextInput("message", "Message") { Multiline = true, MaxLength = 500, Placeholder = "Say thanks", Problem = "Too long" },
                new ChoiceInput("category", "Category", [new Choice("Teamwork", "teamwork")]) { Compact = true, Value = "teamwork" },
                new ToggleInput("anonymous", "Anonymous") { Value = true },
                new PeoplePicker("to", "Who") { Multiple = false, Required = true },
            ],
            Actions = [new SubmitAction("Send", "kudos.submit") { Data = new Dictionary<string, string> { ["draft"] = "d1" }, Style = ActionStyle.Positive },
                new OpenUrlAction("Call 988", new Uri("tel:988"))],
        };
        var message = new BotMessage { Text = "Hi {@0}", Card = card, Mentions = [Ben] };
        _chat.Messenger.Failing.Add(Ben.Id);
        await Outbox.ToUserAsync("note-1", Ben, message, default);

        var stored = await _chat.Store.GetTableClient(StorageKeys.OutboxTable).QueryAllAsync(TableQuery.AcrossPartitions());
        var raw = string.Join("\n", stored.Single().Select(p => p.Key + "=" + p.Value));
        Assert.DoesNotContain("pager", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Ben.Id, raw, StringComparison.Ordinal);

        _chat.Messenger.Failing.Clear();
        _chat.Clock.Advance(TimeSpan.FromMinutes(1));
        await Outbox.SendDueAsync(default);
        var sent = _chat.Messenger.ToUsers.Single().Message;
        Assert.Equal(Json(message), Json(sent));
        Assert.IsType<PeoplePicker>(sent.Card!.Body[5]);
        Assert.Equal(new Uri("tel:988"), Assert.IsType<OpenUrlAction>(sent.Card.Actions[1]).Url);
    }

    [Fact]
    public async Task RecordsOfSentMessagesAreForgottenAfterTheirDays()
    {
        await Outbox.ToUserAsync("note-1", Ben, BotMessage.Say("Thanks!"), default);
        _chat.Clock.Advance(TimeSpan.FromDays(Settings.KeepSentDays - 1));
        Assert.Equal(0, await Outbox.ForgetOldAsync(default));
        _chat.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await Outbox.ForgetOldAsync(default));
        Assert.Empty(await _chat.Store.GetTableClient(StorageKeys.OutboxTable).QueryAllAsync(TableQuery.AcrossPartitions()));
    }

    [Fact]
    public void BackOffGrowsFourfoldFromFiveSecondsToAnHourWithSpread()
    {
        Assert.Equal(TimeSpan.FromSeconds(4), OutboxSettings.BackOff(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(6), OutboxSettings.BackOff(1, 1));
        Assert.Equal(TimeSpan.FromSeconds(20), OutboxSettings.BackOff(2, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(80), OutboxSettings.BackOff(3, 0.5));
        Assert.Equal(TimeSpan.FromHours(1), OutboxSettings.BackOff(9, 0.5));
        Assert.Equal(TimeSpan.FromHours(1), OutboxSettings.BackOff(50, 0.5));
    }

    private static string Json(BotMessage m) => JsonSerializer.Serialize(new OutboxLetter(Ben, m), OutboxJson.Default.OutboxLetter);

    /// <summary>Counts the outbox's sends with one outcome, as a metrics exporter would see them.</summary>
    private sealed class OutcomeCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _count;
        public int Count => Volatile.Read(ref _count);

        public OutcomeCounter(string outcome)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BotMetrics.MeterName && instrument.Name == "wellnessbot.outbox.sends") listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == "outcome" && (string?)tag.Value == outcome) Interlocked.Add(ref _count, (int)value);
            });
            _listener.Start();
        }

        public void Dispose() => _listener.Dispose();
    }
}
