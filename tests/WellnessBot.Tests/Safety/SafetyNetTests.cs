using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Tests.Support;
using static WellnessBot.Tests.Support.TestChat;

namespace WellnessBot.Tests.Safety;

public sealed class SafetyNetTests
{
    private static readonly SafetyNet Net = new();

    [Theory]
    // Crisis: self-harm or suicide, said about oneself.
    [InlineData("I want to kill myself", SafetySignal.Crisis)]
    [InlineData("honestly I've been thinking about killing myself", SafetySignal.Crisis)]
    [InlineData("I want to die", SafetySignal.Crisis)]
    [InlineData("i wanna die after that code", SafetySignal.Crisis)]
    [InlineData("I wish I was dead", SafetySignal.Crisis)]
    [InlineData("everyone would be better off dead without me", SafetySignal.Crisis)]
    [InlineData("I'm feeling suicidal", SafetySignal.Crisis)]
    [InlineData("I’ve been thinking about suicide since the error", SafetySignal.Crisis)]
    [InlineData("I keep wanting to hurt myself", SafetySignal.Crisis)]
    [InlineData("I can't go on like this", SafetySignal.Crisis)]
    [InlineData("I don't want to wake up tomorrow", SafetySignal.Crisis)]
    [InlineData("there's no reason to live anymore", SafetySignal.Crisis)]
    [InlineData("thinking of ending my life", SafetySignal.Crisis)]
    [InlineData("I want to end it all", SafetySignal.Crisis)]
    [InlineData("I've been self-harming again", SafetySignal.Crisis)]
    [InlineData("my suicidal thoughts are back", SafetySignal.Crisis)]
    // Everyday distress and hyperbole: a gentle offer, not an alarm.
    [InlineData("this pager is killing me", SafetySignal.Distress)]
    [InlineData("I'm so burned out", SafetySignal.Distress)]
    [InlineData("dead tired after nights", SafetySignal.Distress)]
    [InlineData("I made a mistake with a patient's dose and I can't stop thinking about it", SafetySignal.Distress)]
    [InlineData("rough night on call", SafetySignal.Distress)]
    // Clinical talk and ordinary words: nothing.
    [InlineData("the patient in bed 4 is suicidal, psych is on the way", SafetySignal.None)]
    [InlineData("thanks for doing the suicide risk assessment with me", SafetySignal.None)]
    [InlineData("great teaching on self-harm screening today", SafetySignal.None)]
    [InlineData("pt with suicidal ideation admitted overnight", SafetySignal.None)]
    [InlineData("I'd kill for a coffee", SafetySignal.None)]
    [InlineData("the killer lecture on sepsis", SafetySignal.None)]
    [InlineData("kudos @Ben for the handoff", SafetySignal.None)]
    [InlineData("my phone died during rounds", SafetySignal.None)]
    [InlineData("", SafetySignal.None)]
    public void CrisisAndDistressAreToldApartFromEverydayAndClinicalTalk(string text, SafetySignal expected) =>
        Assert.Equal(expected, Net.Check(text));

    [Fact]
    public void ProgramsCanAddTheirOwnCrisisPhrases()
    {
        var net = new SafetyNet(new SafetySettings { CrisisPhrases = ["give up on everything"] });
        Assert.Equal(SafetySignal.Crisis, net.Check("I just want to give up on everything"));
        Assert.Equal(SafetySignal.None, Net.Check("I just want to give up on everything"));
    }

    [Fact]
    public void TheCrisisReplyGivesRealNumbersAndSaysItIsNotACrisisService()
    {
        var card = SafetyNet.CrisisReply().Card!;
        var text = string.Join("\n", card.Body.OfType<TextBlock>().Select(t => t.Text)
            .Concat(card.Body.OfType<FactSet>().SelectMany(f => f.Facts).Select(f => f.Title + " " + f.Value)));
        Assert.Contains("**911**", text);
        Assert.Contains("**988**", text);
        Assert.Contains("1-888-409-0141", text);
        Assert.Contains("not a crisis service", text);
        Assert.Contains(card.Actions.OfType<OpenUrlAction>(), a => a.Url == new Uri("tel:988"));
    }
}

public sealed class SafetyNetConversationTests : IAsyncLifetime
{
    private readonly TestChat _chat = new();

    public Task InitializeAsync() => _chat.InitializeAsync();
    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task CrisisWordingInAChannelGetsImmediatePrivateHelpAndNothingPublic()
    {
        var reply = await _chat.As(Ana).In(WellnessChannel).Send("I can't do this anymore, I want to die");
        reply.ExpectNothingPublic();
        Assert.Single(reply.Private, m => m.Card?.Kind == SafetyNet.CrisisCardKind);
        Assert.DoesNotContain(reply.Private, m => m.Text?.Contains("didn't understand", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task CrisisWordingInsideAnotherIntentGetsHelpAndTheIntentStillWorks()
    {
        var reply = await _chat.As(Ana).Send("kudos @Ben Resident you talked me down when I wanted to end my life. Thank you.", [Ben]);
        reply.ExpectCard(SafetyNet.CrisisCardKind);
        reply.ExpectCard(KudosCards.ConfirmationKind);
        Assert.Single(await _chat.Services.GetRequiredService<KudosStore>().MonthAsync("2026-11", default));
    }

    [Fact]
    public async Task CrisisWordingInAFormIsNoticedToo()
    {
        var send = (await _chat.As(Ana).Send("kudos")).ExpectCard(KudosCards.FormKind).Actions.OfType<SubmitAction>().Single();
        var reply = await _chat.As(Ana).Submit(send.ActionId, ("draft", send.Data["draft"]), (KudosCards.RecipientsInput, "aad-ben"),
            (KudosCards.MessageInput, "I've been feeling suicidal and you noticed"));
        reply.ExpectCard(SafetyNet.CrisisCardKind);
    }

    [Fact]
    public async Task EverydayDistressGetsAGentleOfferNotAnAlarm()
    {
        var reply = await _chat.As(Ana).Send("this pager is killing me");
        reply.ExpectPrivateText("type **support**");
        Assert.Null(reply.CardOf(SafetyNet.CrisisCardKind));
    }
}
