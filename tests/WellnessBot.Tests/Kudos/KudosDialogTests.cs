using WellnessBot.Storage;
using WellnessBot.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Kudos;

public sealed class KudosDialogTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();
    private KudosStore Store => _chat.Services.GetRequiredService<KudosStore>();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    private Task<List<KudosRecord>> NovemberAsync() => Store.MonthAsync(new Month(2026, 11), default);

    private static string Fact(Card card, string title) =>
        card.Body.OfType<FactSet>().SelectMany(f => f.Facts).Single(f => f.Title == title).Value;

    [Fact]
    public async Task AKudosWhoseStoredMonthWasDamagedStillReadsFromItsPartition()
    {
        await _chat.As(Ana).Send("kudos @Ben Resident thanks for the handoff", [Ben]);
        var table = _chat.Store.GetTableClient(StorageKeys.KudosTable);
        var row = Assert.Single(await table.QueryAllAsync(TableQuery.InPartition(StorageKeys.KudosMonthPartition(new Month(2026, 11)))));
        row["Month"] = "Nov";
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);

        var kudos = Assert.Single(await NovemberAsync());
        Assert.Equal((new Month(2026, 11), "thanks for the handoff"), (kudos.Month, kudos.Message));
    }

    [Fact]
    public async Task OneLineRecognisesAColleagueConfirmsAndTellsThem()
    {
        var reply = await _chat.As(Ana).Send("kudos @Ben Resident thanks for covering my pager at 3am", [Ben]);

        var card = reply.ExpectCard(KudosCards.ConfirmationKind);
        Assert.Equal("Ben Resident", Fact(card, "To"));
        Assert.Equal("thanks for covering my pager at 3am", Fact(card, "Message"));
        Assert.Contains(card.Actions.OfType<SubmitAction>(), a => a.ActionId == KudosDialog.EditAction);
        Assert.Contains(card.Actions.OfType<SubmitAction>(), a => a.ActionId == KudosDialog.WithdrawAction);

        var stored = Assert.Single(await NovemberAsync());
        Assert.Equal(("29:resident-ana", "thanks for covering my pager at 3am"), (stored.Giver.Id, stored.Message));
        var (to, note) = Assert.Single(_chat.Messenger.ToUsers);
        Assert.Equal(Ben, to);
        Assert.Equal("🎉 {@0} recognised you: “thanks for covering my pager at 3am”\n\nIt will be read at the monthly program breakfast.", note.Text);
        Assert.Equal([Ana], note.Mentions);
    }

    [Fact]
    public async Task SeveralRecipientsInOneLineAreOneKudosForEach()
    {
        await _chat.As(Ana).Send("/kudos @Ben Resident and @Chen Fellow — great handoffs all week #teamwork", [Ben, Chen]);

        var stored = Assert.Single(await NovemberAsync());
        Assert.Equal([Ben, Chen], stored.Recipients);
        Assert.Equal("great handoffs all week", stored.Message);
        Assert.Equal(KudosCategory.Teamwork, stored.Category);
        Assert.Equal(2, _chat.Messenger.ToUsers.Count);
        Assert.Single(await Store.ReceivedAsync(Chen, new Month(2026, 11), default));
    }

    [Fact]
    public async Task HighlightingYourselfIsWelcomeAndMarked()
    {
        var reply = await _chat.As(Ana).Send("kudos me for finally finishing my QI project");

        Assert.Contains("(you ✨)", Fact(reply.ExpectCard(KudosCards.ConfirmationKind), "To"));
        var stored = Assert.Single(await NovemberAsync());
        Assert.True(stored.IsSelfHighlight);
        Assert.Equal("for finally finishing my QI project", stored.Message);
        Assert.Empty(_chat.Messenger.ToUsers); // no note to yourself
    }

    [Fact]
    public async Task MentioningYourselfIsAlsoASelfHighlight()
    {
        await _chat.As(Ana).Send("kudos @Ana Resident survived nights", [Ana]);
        Assert.True(Assert.Single(await NovemberAsync()).IsSelfHighlight);
    }

    [Fact]
    public async Task NoRecipientShowsTheFormAndTheFormGivesTheKudos()
    {
        var form = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind);
        Assert.Contains(form.Body, e => e is PeoplePicker);
        var send = form.Actions.OfType<SubmitAction>().Single();

        var reply = await _chat.As(Ana).Submit(send.ActionId, ("draft", send.Data["draft"]), ("started", send.Data["started"]),
            (KudosCards.RecipientsInput, "aad-ben,aad-chen"), (KudosCards.MessageInput, "Thank you for teaching me ultrasound"),
            (KudosCards.CategoryInput, "Teaching"), (KudosCards.AnonymousInput, "true"));

        reply.ExpectCard(KudosCards.ConfirmationKind);
        var stored = Assert.Single(await NovemberAsync());
        Assert.Equal([Ben, Chen], stored.Recipients);
        Assert.Equal((KudosCategory.Teaching, true), (stored.Category, stored.Anonymous));
        Assert.All(_chat.Messenger.ToUsers, n => Assert.StartsWith("🎉 A colleague recognised you", n.Message.Text));
    }

    [Fact]
    public async Task ADoubleSubmittedFormCreatesOneKudos()
    {
        var send = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind).Actions.OfType<SubmitAction>().Single();
        (string, string)[] values = [("draft", send.Data["draft"]), ("started", send.Data["started"]), (KudosCards.RecipientsInput, "aad-ben"), (KudosCards.MessageInput, "Thanks!")];

        await _chat.As(Ana).Submit(send.ActionId, values);
        var again = await _chat.As(Ana).Submit(send.ActionId, values);

        Assert.Equal("You already sent this one ✔", again.ExpectCard(KudosCards.ConfirmationKind).Title);
        Assert.Single(await NovemberAsync());
        Assert.Single(_chat.Messenger.ToUsers);
    }

    [Fact]
    public async Task ARedeliveredMessageCreatesOneKudos()
    {
        await _chat.As(Ana).Send("kudos @Ben Resident thanks", [Ben], activityId: "teams-1001");
        await _chat.As(Ana).Send("kudos @Ben Resident thanks", [Ben], activityId: "teams-1001");
        Assert.Single(await NovemberAsync());
    }

    [Fact]
    public async Task NoMessageIsAskedForAndTheNextLineIsTheMessage()
    {
        (await _chat.As(Ana).Send("kudos @Ben Resident", [Ben])).ExpectText("What would you like to say to Ben Resident?");
        Assert.Empty(await NovemberAsync());

        (await _chat.As(Ana).Send("You were amazing on the code today")).ExpectCard(KudosCards.ConfirmationKind);
        Assert.Equal("You were amazing on the code today", Assert.Single(await NovemberAsync()).Message);
    }

    [Fact]
    public async Task AMessageOverTheLimitSaysTheLimitAndKeepsTheText()
    {
        var text = string.Concat(Enumerable.Repeat("so grateful ", 50)).Trim(); // 599 characters
        var reply = await _chat.As(Ana).Send("kudos @Ben Resident " + text, [Ben]);

        var form = reply.ExpectCard(KudosCards.FormKind);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Text.Contains("599 characters; the limit is 500"));
        Assert.Equal(text, form.Body.OfType<TextInput>().Single().Value);
        Assert.Empty(await NovemberAsync());
    }

    [Fact]
    public async Task TheBotCannotBeRecognised()
    {
        (await _chat.As(Ana).In(WellnessChannel).Send("kudos @WellnessBot you're great", [TheBot])).ExpectText("I'm a bot");
        Assert.Empty(await NovemberAsync());

        var send = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind).Actions.OfType<SubmitAction>().Single();
        (await _chat.As(Ana).Submit(send.ActionId, ("draft", send.Data["draft"]), (KudosCards.RecipientsInput, "aad-bot"), (KudosCards.MessageInput, "hi")))
            .ExpectCard(KudosCards.FormKind);
        Assert.Empty(await NovemberAsync());
    }

    [Fact]
    public async Task AnUnknownPersonGetsAnExactKindAnswerAndTheTextBack()
    {
        var reply = await _chat.As(Ana).Send("kudos @Sam thanks for the coffee");
        reply.ExpectPrivateText("I couldn't find @Sam").ExpectPrivateText("@Sam thanks for the coffee");
        Assert.Empty(await NovemberAsync());

        var send = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind).Actions.OfType<SubmitAction>().Single();
        var picked = await _chat.As(Ana).Submit(send.ActionId, ("draft", send.Data["draft"]), (KudosCards.RecipientsInput, "aad-stranger"), (KudosCards.MessageInput, "thanks"));
        Assert.Contains(picked.ExpectCard(KudosCards.FormKind).Body.OfType<TextBlock>(), t => t.Text.Contains("couldn't reach one of the people you picked"));
    }

    [Fact]
    public async Task GivenInAChannelTheShoutOutIsShownThereAndTheConfirmationIsPrivate()
    {
        var reply = await _chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident for the best sign-out ever", [Ben]);

        var shout = Assert.Single(reply.Public);
        Assert.Equal("🎉 Kudos to {@0} from {@1}: “for the best sign-out ever”", shout.Text);
        Assert.Equal([Ben, Ana], shout.Mentions);
        Assert.NotNull(reply.Private.Select(m => m.Card).Single(c => c?.Kind == KudosCards.ConfirmationKind));
    }

    [Fact]
    public async Task EditAndWithdrawWorkForTheGiverOnly()
    {
        var confirmation = (await _chat.As(Ana).Send("kudos @Ben Resident thx", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        var edit = confirmation.Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.EditAction);
        var data = edit.Data.Select(d => (d.Key, d.Value)).ToArray();

        (await _chat.As(Ben).Submit(KudosDialog.EditAction, data)).ExpectPrivateText("Only the person who gave");
        var form = (await _chat.As(Ana).Submit(KudosDialog.EditAction, data)).ExpectCard(KudosCards.EditKind);
        Assert.Equal("thx", form.Body.OfType<TextInput>().Single().Value);

        await _chat.As(Ana).Submit(KudosDialog.SaveAction, [.. data, (KudosCards.MessageInput, "Thank you for staying late with my patient"), (KudosCards.CategoryInput, "PatientCare")]);
        var updated = Assert.Single(await NovemberAsync());
        Assert.Equal(("Thank you for staying late with my patient", KudosCategory.PatientCare), (updated.Message, updated.Category));
        Assert.Single(await Store.ReceivedAsync(Ben, new Month(2026, 11), default)); // no stale copy in the index

        (await _chat.As(Ana).Submit(KudosDialog.WithdrawAction, data)).ExpectPrivateText("withdrawn");
        Assert.Empty(await NovemberAsync());
        Assert.Empty(await Store.ReceivedAsync(Ben, new Month(2026, 11), default));
        Assert.Empty(await Store.GivenAsync(Ana, new Month(2026, 11), default));
    }

    [Fact]
    public async Task NothingChangesOnceTheMonthsDigestIsPosted()
    {
        var confirmation = (await _chat.As(Ana).Send("kudos @Ben Resident thx", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        var data = confirmation.Actions.OfType<SubmitAction>().First().Data.Select(d => (d.Key, d.Value)).ToArray();
        var ledger = _chat.Services.GetRequiredService<DigestLedger>();
        Assert.True(await ledger.TryLeaseAsync(new Month(2026, 11), "test", default));
        await ledger.MarkPostedAsync(new Month(2026, 11), late: false, default);

        (await _chat.As(Ana).Submit(KudosDialog.WithdrawAction, data)).ExpectPrivateText("already been posted");
        (await _chat.As(Ana).Submit(KudosDialog.EditAction, data)).ExpectPrivateText("already been posted");
        Assert.Single(await NovemberAsync());
    }

    [Fact]
    public async Task RecipientsWhoTurnedNotesOffAreNotMessaged()
    {
        (await _chat.As(Ben).Send("kudos notes off")).ExpectPrivateText("no more private notes");
        await _chat.As(Ana).Send("kudos @Ben Resident thanks", [Ben]);
        Assert.Empty(_chat.Messenger.ToUsers);
        Assert.Single(await NovemberAsync());

        await _chat.As(Ben).Send("kudos notes on");
        await _chat.As(Chen).Send("kudos @Ben Resident thanks again", [Ben]);
        Assert.Single(_chat.Messenger.ToUsers);
    }

    [Fact]
    public async Task AnUnreachableRecipientIsMentionedToTheGiverAndTheKudosIsKept()
    {
        _chat.Messenger.Unreachable.Add(Ben.Id);
        (await _chat.As(Ana).Send("kudos @Ben Resident thanks", [Ben])).ExpectPrivateText("couldn't send Ben Resident a private note");
        Assert.Single(await NovemberAsync());
    }

    [Fact]
    public async Task KudosMineListsWhatYouGaveAndReceivedThisMonth()
    {
        await _chat.As(Ana).Send("kudos @Ben Resident for the handoff", [Ben]);
        await _chat.As(Chen).Send("kudos @Ana Resident for the teaching #anonymous", [Ana]);

        var mine = (await _chat.As(Ana).Send("kudos mine")).ExpectCard(KudosCards.MineKind);
        var lines = mine.Body.OfType<TextBlock>().Select(t => t.Text).ToList();
        Assert.Contains("Received (1)", lines);
        Assert.Contains("“for the teaching” — a colleague", lines);
        Assert.Contains("Given (1)", lines);
        Assert.Contains("To Ben Resident: “for the handoff”", lines);

        _chat.Clock.Advance(TimeSpan.FromDays(30)); // December: November's kudos are no longer "this month"
        await _chat.As(Ben).Send("kudos @Ana Resident december thanks", [Ana]);
        var december = (await _chat.As(Ana).Send("kudos mine")).ExpectCard(KudosCards.MineKind);
        Assert.Equal("Your kudos in December 2026", december.Title);
        var decemberLines = december.Body.OfType<TextBlock>().Select(t => t.Text).ToList();
        Assert.Contains("“december thanks” — Ben Resident", decemberLines);
        Assert.Contains("Given (0)", decemberLines);
    }

    [Fact]
    public async Task MonthsFollowTheProgramsTimeZone()
    {
        // 2026-12-01 03:00 UTC is still 30 November, 22:00, in New York.
        _chat.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
        await _chat.As(Ana).Send("kudos @Ben Resident late night thanks", [Ben]);
        Assert.Single(await NovemberAsync());
    }
}
