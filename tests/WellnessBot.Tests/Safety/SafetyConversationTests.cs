using WellnessBot.Dialogs;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Dialogs.Support;
using WellnessBot.Tests.PeerSupport;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.Safety;

/// <summary>What a person in crisis gets, turn by turn, whatever else they were doing.</summary>
public sealed class SafetyConversationTests : PeerSupportChat
{
    private Task<List<KudosRecord>> NovemberAsync() => Chat.Services.GetRequiredService<KudosStore>().MonthAsync(new Month(2026, 11), default);

    [Fact]
    public async Task CrisisWordingInAChannelGetsImmediatePrivateHelpAndNothingPublic()
    {
        var reply = await Chat.As(Ana).In(WellnessChannel).Send("honestly cant see a way out of this anymore, i just want it all to end");
        reply.ExpectNothingPublic();
        Assert.Equal(SafetyReplies.CrisisCardKind, reply.Private[0].Card?.Kind);
        Assert.DoesNotContain(reply.Private, m => m.Text?.Contains("didn't understand", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AWaitingKudosPromptNeverTakesACrisisMessageAndAsksAfterwards()
    {
        (await Chat.As(Ana).Send("kudos me")).ExpectText("What would you like to say to yourself?");

        var crisis = await Chat.As(Ana).Send("I want to be dead");

        Assert.Equal(SafetyReplies.CrisisCardKind, crisis.Private[0].Card?.Kind); // the crisis reply comes first
        var onHold = crisis.ExpectCard(KudosCards.OnHoldKind);
        Assert.Empty(await NovemberAsync());
        // The next message is not taken as the kudos either: it was put aside, only its own buttons continue it.
        await Chat.As(Ana).Send("sorry, ignore that");
        Assert.Empty(await NovemberAsync());

        var resume = onHold.Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.ResumeAction);
        (await Chat.As(Ana).Submit(resume.ActionId)).ExpectText("What would you like to say to yourself?");
        (await Chat.As(Ana).Send("finished my QI project")).ExpectCard(KudosCards.ConfirmationKind);
        Assert.Equal("finished my QI project", Assert.Single(await NovemberAsync()).Message);
    }

    [Fact]
    public async Task AKudosPutAsideCanBeLetGoWithNothingSaved()
    {
        await Chat.As(Ana).Send("kudos @Ben Resident", [Ben]);
        var onHold = (await Chat.As(Ana).Send("i think im going to end it tonight")).ExpectCard(KudosCards.OnHoldKind);
        Assert.Contains("Ben Resident", ((TextBlock)onHold.Body[0]).Text, StringComparison.Ordinal);

        (await Chat.As(Ana).Submit(KudosDialog.DropAction)).ExpectPrivateText("Nothing was sent or saved");
        await Chat.As(Ana).Send("great teamwork on the code");
        Assert.Empty(await NovemberAsync());
    }

    [Fact]
    public async Task AKudosWithCrisisWordingIsOnlyGivenWhenTheGiverSaysSo()
    {
        var reply = await Chat.As(Ana).In(WellnessChannel).Send("kudos @Ben Resident you talked me down when I wanted to end my life. Thank you.", [Ben]);

        reply.ExpectCard(SafetyReplies.CrisisCardKind);
        var check = reply.ExpectCard(KudosCards.CheckWordingKind);
        reply.ExpectNothingPublic();
        Assert.Empty(await NovemberAsync());
        Assert.DoesNotContain(Chat.Messenger.ToUsers, n => n.To.Key == Ben.Key);

        var sent = await Chat.As(Ana).In(WellnessChannel).Submit(KudosDialog.SendAsWrittenAction);
        sent.ExpectCard(KudosCards.ConfirmationKind);
        Assert.Single(await NovemberAsync());
        Assert.Contains(check.Actions.OfType<SubmitAction>(), a => a.ActionId == KudosDialog.ChangeAction);
    }

    [Fact]
    public async Task AKudosWithCrisisWordingCanBeChangedOrDropped()
    {
        await Chat.As(Ana).Send("kudos @Ben Resident thanks for checking on me, i was ready to kill myself that night", [Ben]);
        var form = (await Chat.As(Ana).Submit(KudosDialog.ChangeAction)).ExpectCard(KudosCards.FormKind);
        Assert.Contains("ready to kill myself", form.Body.OfType<TextInput>().Single(i => i.Id == KudosCards.MessageInput).Value, StringComparison.Ordinal);
        Assert.Empty(await NovemberAsync());

        await Chat.As(Ana).Send("kudos @Chen Fellow you saved me when i wanted to die", [Chen]);
        await Chat.As(Ana).Submit(KudosDialog.DropAction);
        Assert.Empty(await NovemberAsync());
    }

    [Fact]
    public async Task AnEditWithCrisisWordingAsksBeforeItIsSaved()
    {
        var confirmation = (await Chat.As(Ana).Send("kudos @Ben Resident thanks for the handoff", [Ben])).ExpectCard(KudosCards.ConfirmationKind);
        var edit = confirmation.Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.EditAction);
        var save = (await Chat.As(Ana).Submit(edit.ActionId, [.. edit.Data.Select(kv => (kv.Key, kv.Value))])).ExpectCard(KudosCards.EditKind)
            .Actions.OfType<SubmitAction>().Single(a => a.ActionId == KudosDialog.SaveAction);

        var asked = await Chat.As(Ana).Submit(save.ActionId, [.. save.Data.Select(kv => (kv.Key, kv.Value)), (KudosCards.MessageInput, "you kept me from ending my life")]);
        asked.ExpectCard(KudosCards.CheckWordingKind);
        Assert.Equal("thanks for the handoff", Assert.Single(await NovemberAsync()).Message);

        (await Chat.As(Ana).Submit(KudosDialog.SendAsWrittenAction)).ExpectCard(KudosCards.ConfirmationKind);
        Assert.Equal("you kept me from ending my life", Assert.Single(await NovemberAsync()).Message);
    }

    [Fact]
    public async Task WhenThePrivateReplyCannotBeDeliveredNeutralResourcesAppearWhereThePersonWrote()
    {
        var reply = await Chat.RunAsync(new WellnessBot.Dialogs.Turns.Turn
        {
            From = Ana, Conversation = WellnessChannel, Text = "i have the pills in my bag and tonight is the night", Bot = TheBot,
            ReceivedAt = Chat.Clock.GetUtcNow(),
        }, undeliverable: true);

        var posted = Assert.Single(reply.Public);
        Assert.Contains("**988**", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", posted.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("pills", posted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTapFilesAnUrgentExpeditedRequestThroughTheNormalRouting()
    {
        await RosterAsync(Dana);
        var card = (await Chat.As(Ana).Send("i keep thinking everyone would be better off without me")).ExpectCard(SafetyReplies.CrisisCardKind);
        var button = Assert.IsType<SubmitAction>(Assert.Single(card.Actions));

        var reply = await Chat.As(Ana).Submit(button.ActionId, [.. button.Data.Select(kv => (kv.Key, kv.Value))]);

        Assert.Equal("Yes", reply.ExpectCard(SupportCards.ConfirmationKind).Body.OfType<FactSet>().First().Facts.Single(f => f.Title == "Urgent").Value);
        var request = Assert.Single(await Requests.AllAsync(default));
        Assert.Equal((SupportTier.Expedited, true, SupportStatus.Offered), (request.Tier, request.Urgent, request.Status));
        Assert.Equal(Dana.Key, request.Supporter?.Key);
        // Pressed twice, it is one request.
        await Chat.As(Ana).Submit(button.ActionId, [.. button.Data.Select(kv => (kv.Key, kv.Value))]);
        Assert.Single(await Requests.AllAsync(default));
    }

    [Fact]
    public async Task SecondVictimDistressGetsTheGentleOffer()
    {
        var reply = await Chat.As(Ana).Send("my patient coded and died and I can't stop shaking");
        reply.ExpectPrivateText("type **support**");
        Assert.Null(reply.CardOf(SafetyReplies.CrisisCardKind));
    }
}
