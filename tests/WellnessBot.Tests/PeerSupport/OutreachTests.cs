using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>
/// "support for @Ben" and "h3 event @Ben @Chen": outreach someone else asked for. Only ever private; the referrer is
/// never named to the person unless they chose; the person can say "thanks, not now" in one tap.
/// </summary>
public sealed class OutreachTests : PeerSupportChat
{
    private const string Worry = "he went very quiet after the code last night";

    [Fact]
    public async Task AReferralFromAChannelIsPrivateAndTheReferredPersonNeverLearnsWhoAsked()
    {
        await RosterAsync(Dana);
        var start = await Chat.As(Ana).In(WellnessChannel).Send("support for @Ben Resident", [Ben]);
        start.ExpectNothingPublic();
        var form = start.ExpectCard(OutreachCards.ReferralFormKind);
        Assert.Contains(form.Body.OfType<TextBlock>(), t => t.Text.Contains("Ben Resident", StringComparison.Ordinal));

        var sent = await SubmitReferralAsync(Ana, form, note: Worry);
        sent.ExpectNothingPublic().ExpectText("Thank you for looking out for Ben Resident");

        var request = Assert.Single(await Access.AllAsync(default));
        Assert.Equal((SupportKind.Referral, Ben.Key, Ana.Key, false), (request.Kind, request.Requester!.Key, request.Referrer!.Key, request.ReferrerNamed));
        var (pk, rk) = WellnessBot.Dialogs.StorageKeys.SupportRequest(request.Id);
        var raw = (await Chat.Store.GetTableClient(WellnessBot.Dialogs.StorageKeys.SupportRequestsTable).GetEntityAsync(pk, rk))!;
        foreach (var (_, value) in raw) // who it is for and who asked are sealed, like the note
            foreach (var secret in new[] { Ana.Id, Ben.Id, Worry, "Ana Resident" })
                Assert.DoesNotContain(secret, value?.ToString() ?? "", StringComparison.Ordinal);
        var offer = Assert.Single(OffersTo(Dana));
        Assert.Equal("A colleague (who asked not to be named)", Fact(offer, "Asked by"));
        Assert.Equal("Ben Resident", Fact(offer, "Reach out to"));
        Assert.Contains(offer.Body.OfType<TextBlock>(), t => t.Text.Contains(Worry, StringComparison.Ordinal));
        Assert.Empty(ToBen()); // Ben hears nothing until someone has it
        (await Chat.As(Ben).Send("support status")).ExpectText("don't have an open support request"); // not even by asking

        await AcceptAsync(Dana, request.Id);

        var toBen = Assert.Single(ToBen());
        var outreach = toBen.Message.Card!;
        Assert.Equal(OutreachCards.OutreachKind, outreach.Kind);
        Assert.Contains("**Dana Supporter**", string.Join(" ", outreach.Body.OfType<TextBlock>().Select(t => t.Text)), StringComparison.Ordinal);
        Assert.Equal(SupportDialog.NotNowAction, Assert.Single(outreach.Actions.OfType<SubmitAction>()).ActionId);
        Assert.Equal(OutreachText.ReferralTaken, TextsTo(Ana).Last());

        var declined = await Chat.As(Ben).Submit(SupportDialog.NotNowAction, ("request", request.Id));
        declined.ExpectText("Nobody will reach out about this");
        Assert.Equal(SupportStatus.Declined, (await Requests.GetAsync(request.Id, default))!.Status);
        Assert.Equal(OutreachText.NotNowToSupporter(request.Reference), TextsTo(Dana).Last());

        // Nothing Ben was ever sent names Ana, and nothing at all went to a channel.
        Assert.DoesNotContain(ToBen(), m => Words(m.Message).Contains("Ana", StringComparison.Ordinal));
        Assert.DoesNotContain(Words(declined.Private), "Ana", StringComparison.Ordinal);
        Assert.Empty(Chat.Messenger.ToConversations);
    }

    [Fact]
    public async Task AReferrerWhoChoseToBeNamedIsNamedToThePersonAndTheSupporter()
    {
        await RosterAsync(Dana);
        var form = (await Chat.As(Ana).In(WellnessChannel).Send("support for @Ben Resident", [Ben])).ExpectCard(OutreachCards.ReferralFormKind);
        await SubmitReferralAsync(Ana, form, named: true);
        var request = Assert.Single(await Access.AllAsync(default));

        Assert.Equal("Ana Resident", Fact(Assert.Single(OffersTo(Dana)), "Asked by"));
        await AcceptAsync(Dana, request.Id);
        Assert.Contains("Ana Resident asked Helping Healers Heal to check in with you", Words(Assert.Single(ToBen()).Message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSupportFormOffersAReferralWithAPeoplePickerAndRefusesWhatCannotBeSent()
    {
        await RosterAsync(Dana);
        var supportForm = (await Chat.As(Ana).Send("support")).ExpectCard(SupportCards.FormKind);
        Assert.Contains(supportForm.Actions.OfType<SubmitAction>(), a => a.ActionId == ReferralDialog.StartAction);
        var form = (await Chat.As(Ana).Submit(ReferralDialog.StartAction)).ExpectCard(OutreachCards.ReferralFormKind);
        Assert.Contains(form.Body.OfType<PeoplePicker>(), p => p.Id == OutreachCards.PersonInput);

        (await Chat.As(Ana).Submit(ReferralDialog.SubmitAction, ("draft", "r1"), (OutreachCards.PersonInput, "aad-nobody")))
            .ExpectCard(OutreachCards.ReferralFormKind);
        (await Chat.As(Ana).Submit(ReferralDialog.SubmitAction, ("draft", "r1"), (OutreachCards.PersonInput, "aad-ben"), (SupportCards.NoteInput, new string('x', 301))))
            .ExpectCard(OutreachCards.ReferralFormKind);
        (await Chat.As(Ben).In(WellnessChannel).Send("support for @Ben Resident", [Ben])).ExpectNothingPublic().ExpectText("for yourself, type **support**");
        Assert.Empty(await Access.AllAsync(default)); // none of those made a request

        (await Chat.As(Ana).Submit(ReferralDialog.SubmitAction, ("draft", "r1"), (OutreachCards.PersonInput, "aad-ben"), (SupportCards.NoteInput, Worry)))
            .ExpectText("Thank you for looking out for Ben Resident");
        Assert.Equal(Ben.Key, Assert.Single(await Access.AllAsync(default)).Requester!.Key);
    }

    [Fact]
    public async Task ASecondReferralForSomeoneAlreadyInHandIsThankedWithoutSayingWhy()
    {
        await RosterAsync(Dana, Fay);
        await RequestAsync(Ben, Form()); // Ben asked for himself
        var form = (await Chat.As(Ana).In(WellnessChannel).Send("support for @Ben Resident", [Ben])).ExpectCard(OutreachCards.ReferralFormKind);

        var reply = await SubmitReferralAsync(Ana, form);

        reply.ExpectText("will make sure someone reaches out");
        Assert.DoesNotContain("already", reply.Describe(), StringComparison.OrdinalIgnoreCase);
        Assert.Single(await Access.AllAsync(default));
    }

    [Fact]
    public async Task EventOutreachOffersEachPersonSupportAndCoordinatorsSeeOnlyHowEachOfferWent()
    {
        await RosterAsync(Dana, Fay);
        (await Chat.As(Ben).In(WellnessChannel).Send("h3 event @Chen Fellow code on 4 West", [Chen])).ExpectText("for wellness program coordinators");
        Assert.Empty(await Access.AllAsync(default));

        var recorded = await Chat.As(Eli).In(WellnessChannel).Send("h3 event @Ben Resident @Chen Fellow code on 4 West", [Ben, Chen]);

        recorded.ExpectNothingPublic().ExpectText("Ben Resident, Chen Fellow");
        var requests = await Access.AllAsync(default);
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal((SupportKind.Event, "code on 4 West"), (r.Kind, r.EventLabel)));
        Assert.Single(requests.Select(r => r.EventId).Distinct());
        var forBen = requests.Single(r => r.Requester!.Key == Ben.Key);
        var forChen = requests.Single(r => r.Requester!.Key == Chen.Key);
        Assert.Equal("code on 4 West", Fact(OffersTo(forBen.Supporter!).Single(o => RequestIdOn(o) == forBen.Id), "Event"));

        await AcceptAsync(forBen.Supporter!, forBen.Id);
        await AcceptAsync(forChen.Supporter!, forChen.Id);
        var warm = Words(Assert.Single(ToBen()).Message);
        Assert.Contains("no judgement about what happened", warm, StringComparison.Ordinal);
        Assert.DoesNotContain("Eli", warm, StringComparison.Ordinal);
        await Chat.As(Ben).Submit(SupportDialog.NotNowAction, ("request", forBen.Id));
        await Chat.As(forChen.Supporter!).Send("done " + forChen.Reference);

        var status = (await Chat.As(Eli).Send("h3 event")).Describe();
        Assert.Contains("code on 4 West", status, StringComparison.Ordinal);
        Assert.Contains("Ben Resident: declined", status, StringComparison.Ordinal);
        Assert.Contains("Chen Fellow: connected", status, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana", status, StringComparison.Ordinal); // who supported whom is not in the overview
        (await Chat.As(Eli).Send("h3 stats")).ExpectText("of which outreach: 0 referred by a colleague, 2 after a difficult event; 1 declined");
        (await Chat.As(Dana).Send("h3 event")).ExpectText("for wellness program coordinators");
        Assert.Empty(Chat.Messenger.ToConversations);
    }

    [Fact]
    public async Task ACoordinatorRecordsAnEventPrivatelyByPickingPeopleSoNobodyInAChannelReadsWhoWasInvolved()
    {
        await RosterAsync(Dana, Fay);
        var form = (await Chat.As(Eli).Send("h3 event new")).ExpectCard(OutreachCards.EventFormKind);
        var submit = form.Actions.OfType<SubmitAction>().Single();

        var recorded = await Chat.As(Eli).Submit(submit.ActionId,
            [.. submit.Data.Select(d => (d.Key, d.Value)), (OutreachCards.PeopleInput, "aad-ben,aad-chen"), (OutreachCards.LabelInput, "code on 4 West")]);

        recorded.ExpectText("Ben Resident, Chen Fellow");
        var requests = await Access.AllAsync(default);
        Assert.Equal(new[] { Ben.Key, Chen.Key }.Order(), requests.Select(r => r.Requester!.Key).Order());
        Assert.All(requests, r => Assert.Equal((SupportKind.Event, "code on 4 West"), (r.Kind, r.EventLabel)));
        (await Chat.As(Eli).Submit(submit.ActionId, [.. submit.Data.Select(d => (d.Key, d.Value)), (OutreachCards.PeopleInput, "aad-ben,aad-chen")]))
            .ExpectText("Already in H3's hands"); // the same form again offers nobody twice
        (await Chat.As(Ben).Submit(submit.ActionId, [.. submit.Data.Select(d => (d.Key, d.Value)), (OutreachCards.PeopleInput, "aad-chen")]))
            .ExpectText("for wellness program coordinators");
        Assert.Equal(2, (await Access.AllAsync(default)).Count);
    }

    [Fact]
    public async Task OnlyThePersonAnOutreachIsForCanDeclineIt()
    {
        await RosterAsync(Dana);
        await Chat.As(Eli).In(WellnessChannel).Send("h3 event @Ben Resident", [Ben]);
        var request = Assert.Single(await Access.AllAsync(default));

        (await Chat.As(Chen).Submit(SupportDialog.NotNowAction, ("request", request.Id))).ExpectText(OutreachText.NotForYou);
        (await Chat.As(Ben).Submit(SupportDialog.NotNowAction, ("request", "not-a-request"))).ExpectText(OutreachText.AlreadyClosed);
        Assert.True((await Requests.GetAsync(request.Id, default))!.IsOpen);
    }

    [Fact]
    public async Task TheOfferCardLinksTheApproachGuideForSupportersOnly()
    {
        await RosterAsync(Dana);
        await Chat.As(Eli).In(WellnessChannel).Send("h3 event @Ben Resident", [Ben]);
        var offer = Assert.Single(OffersTo(Dana));
        var guideButton = offer.Actions.OfType<SubmitAction>().Single(a => a.ActionId == PeerSupportCommands.GuideAction);

        var guide = (await Chat.As(Dana).Submit(guideButton.ActionId, [.. guideButton.Data.Select(d => (d.Key, d.Value))])).ExpectCard(OutreachCards.GuideKind);

        var text = string.Join(" ", guide.Body.OfType<TextBlock>().Select(t => t.Text));
        Assert.Contains("Confidentiality", text, StringComparison.Ordinal);
        Assert.Contains("imminent", text, StringComparison.Ordinal);
        Assert.Contains("Don't investigate the event", text, StringComparison.Ordinal);
        (await Chat.As(Chen).Submit(guideButton.ActionId, [.. guideButton.Data.Select(d => (d.Key, d.Value))])).ExpectText("This guide is for H3 peer supporters");
    }

    private Task<Transcript> SubmitReferralAsync(UserRef referrer, Card form, string note = "", bool named = false)
    {
        var submit = form.Actions.OfType<SubmitAction>().Single(a => a.ActionId == ReferralDialog.SubmitAction);
        return Chat.As(referrer).Submit(submit.ActionId,
            [.. submit.Data.Select(d => (d.Key, d.Value)), (SupportCards.NoteInput, note), (OutreachCards.NamedInput, named ? "true" : "false")]);
    }

    private List<(UserRef To, BotMessage Message)> ToBen() => Chat.Messenger.ToUsers.Where(m => m.To.Key == Ben.Key).ToList();

    private static string Words(BotMessage message) =>
        message.Text ?? string.Join(" ", message.Card!.Body.OfType<TextBlock>().Select(t => t.Text).Append(message.Card.Title ?? ""));

    private static string Words(IEnumerable<BotMessage> messages) => string.Join(" ", messages.Select(Words));
}
