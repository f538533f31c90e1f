using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>The requester's side: asking (only privately), each tier, the confirmation, status and cancel.</summary>
public sealed class SupportRequestTests : PeerSupportChat
{
    [Theory]
    [InlineData("support")]
    [InlineData("/support")]
    [InlineData("I need to talk to someone")]
    [InlineData("peer support")]
    public async Task AskingInAChannelAnswersOnlyPrivately(string words)
    {
        var reply = await Chat.As(Ana).In(WellnessChannel).Send(words);

        reply.ExpectNothingPublic();
        var form = reply.ExpectCard(SupportCards.FormKind);
        Assert.Contains("Helping Healers Heal", ((TextBlock)form.Body[0]).Text);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Text.Contains("patient names", StringComparison.Ordinal));
        Assert.Equal(["local", "peer", "expedited", "notsure"], form.Body.OfType<ChoiceInput>().First(c => c.Id == SupportCards.TierInput).Choices.Select(c => c.Value));
        Assert.Empty(Chat.Messenger.ToConversations);
    }

    [Fact]
    public async Task StatusAndCancelInAChannelAreAlsoPrivate()
    {
        await RosterAsync(Dana);
        await RequestAsync(Ana);

        (await Chat.As(Ana).In(WellnessChannel).Send("support status")).ExpectNothingPublic().ExpectPrivateText("has been asked");
        (await Chat.As(Ana).In(WellnessChannel).Send("support cancel")).ExpectNothingPublic().ExpectPrivateText("withdrawn");
        Assert.Empty(Chat.Messenger.ToConversations);
    }

    [Theory]
    [InlineData("local", SupportTier.Local)]
    [InlineData("peer", SupportTier.PeerSupporter)]
    [InlineData("expedited", SupportTier.Expedited)]
    [InlineData("notsure", SupportTier.NotSure)]
    public async Task EachTierIsStoredAndOfferedWithItsDetails(string choice, SupportTier tier)
    {
        await RosterAsync(Dana);

        var request = await RequestAsync(Ana, Form(choice, note: "Rough code last night, keep replaying it", contactBy: "phone", when: "after 5pm", contactInfo: "555-0100"));

        Assert.Equal(tier, request.Tier);
        Assert.Equal(SupportStatus.Offered, request.Status);
        var offer = Assert.Single(OffersTo(Dana));
        Assert.Equal("Ana Resident", Fact(offer, "From"));
        Assert.Equal(SupportRequest.TierTitle(tier), Fact(offer, "Support wanted"));
        Assert.Equal("phone, 555-0100, after 5pm", Fact(offer, "Contact"));
        Assert.Contains(offer.Body.OfType<TextBlock>(), t => t.Text.Contains("Rough code last night", StringComparison.Ordinal));
        Assert.Equal([PeerSupportCommands.AcceptAction, PeerSupportCommands.DeclineAction, PeerSupportCommands.GuideAction], offer.Actions.OfType<SubmitAction>().Select(a => a.ActionId));
    }

    [Fact]
    public async Task TheConfirmationSaysWhatHappensNextWhoSeesWhatAndWhereCrisisHelpIs()
    {
        await RosterAsync(Dana);
        var reply = await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form(note: "shaken after a med error"));

        var card = reply.ExpectCard(SupportCards.ConfirmationKind);
        var text = string.Join(" ", card.Body.OfType<TextBlock>().Select(t => t.Text));
        Assert.Contains("I'm asking a trained peer supporter now", text, StringComparison.Ordinal);
        Assert.Contains("the peer supporter who is asked sees your name, how and when to contact you, and your note", text, StringComparison.Ordinal);
        Assert.Contains("Nobody else, including other supporters", text, StringComparison.Ordinal);
        Assert.Contains("988", text, StringComparison.Ordinal);
        Assert.Contains("911", text, StringComparison.Ordinal);
        Assert.Contains(card.Actions.OfType<OpenUrlAction>(), a => a.Url.ToString() == "tel:988");
        Assert.Equal("No", Fact(card, "Urgent"));
    }

    [Fact]
    public async Task ANoteOverTheLimitComesBackWithItsTextAndNothingIsStored()
    {
        await RosterAsync(Dana);
        var longNote = new string('x', SupportText.MaxNoteLength + 5);

        var reply = await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form(note: longNote, when: "tonight"));

        var form = reply.ExpectCard(SupportCards.FormKind);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Style == TextStyle.Attention && t.Text.Contains("the limit is 1000", StringComparison.Ordinal));
        Assert.Equal(longNote, form.Body.OfType<TextInput>().Single(i => i.Id == SupportCards.NoteInput).Value);
        Assert.Equal("tonight", form.Body.OfType<TextInput>().Single(i => i.Id == SupportCards.ContactWhenInput).Value);
        Assert.Empty(await Access.AllAsync(default));
        Assert.Empty(OffersTo(Dana));
    }

    [Fact]
    public async Task ADoubleSubmittedFormIsOneRequestAndOneOffer()
    {
        await RosterAsync(Dana, Fay);
        await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form());
        var again = await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form());

        again.ExpectPrivateText("is already in");
        Assert.Single(await Access.AllAsync(default));
        Assert.Single(OffersTo(Dana).Concat(OffersTo(Fay)));
    }

    [Fact]
    public async Task AskingAgainWithAnOpenRequestShowsItsStatusInsteadOfANewForm()
    {
        await RosterAsync(Dana);
        await RequestAsync(Ana);

        var reply = await Chat.As(Ana).Send("support");

        Assert.Null(reply.CardOf(SupportCards.FormKind));
        reply.ExpectPrivateText("You already have an open request");
    }

    [Fact]
    public async Task StatusFollowsTheRequestFromAskedToAccepted()
    {
        (await Chat.As(Ana).Send("support status")).ExpectText("don't have an open support request");
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana);
        (await Chat.As(Ana).Send("support status")).ExpectText("A trained peer supporter has been asked").ExpectText(request.Reference);

        await AcceptAsync(Dana, request.Id);

        (await Chat.As(Ana).Send("support status")).ExpectText("Dana Supporter").ExpectText("accepted it");
    }

    [Fact]
    public async Task CancellingTellsTheSupporterItWasWithdrawnAndNothingMore()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: "I keep thinking about the missed diagnosis"));
        await AcceptAsync(Dana, request.Id);

        (await Chat.As(Ana).Send("support cancel")).ExpectText("withdrawn");

        var told = TextsTo(Dana).Last();
        Assert.Equal(SupportText.Withdrawn(request.Reference), told);
        Assert.DoesNotContain("missed diagnosis", told, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", told, StringComparison.Ordinal);
        Assert.Equal(SupportStatus.Cancelled, (await Requests.GetAsync(request.Id, default))!.Status);
        (await Chat.As(Ana).Send("support cancel")).ExpectText("don't have an open support request");
    }

    [Fact]
    public async Task AcceptingTellsTheRequesterWhoWillReachOutAndHow()
    {
        await RosterAsync(Dana);
        await Chat.As(Eli).In(WellnessChannel).Send("h3 roster add @Dana Supporter department Emergency Medicine", [Dana]);
        var request = await RequestAsync(Ana, Form(contactBy: "phone", when: "after 5pm"));

        (await AcceptAsync(Dana, request.Id)).ExpectText("Thank you for accepting");

        Assert.Equal("**Dana Supporter** from Emergency Medicine, a trained H3 peer supporter, will reach out to you by phone (after 5pm). You're not alone in this.",
            TextsTo(Ana).Last());
        var accepted = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Accepted, SupportTimer.Reminder), (accepted.Status, accepted.Timer)); // the supporter's 24 h reminder
        Assert.Equal(Chat.Clock.GetUtcNow() + TimeSpan.FromHours(24), accepted.DueAt);
        Assert.Equal(Chat.Clock.GetUtcNow(), accepted.AcceptedAt);
    }

    [Fact]
    public async Task AButtonFromSomeoneElseOrAnOldOfferChangesNothing()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        var asked = request.Supporter!;
        var other = asked.Key == Dana.Key ? Fay : Dana;

        (await AcceptAsync(other, request.Id)).ExpectText("isn't (or is no longer) offered to you");
        Assert.Equal(SupportStatus.Offered, (await Requests.GetAsync(request.Id, default))!.Status);

        await DeclineAsync(asked, request.Id);
        (await AcceptAsync(asked, request.Id)).ExpectText("isn't (or is no longer) offered to you");
    }
}
