using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>
/// Cards with a request's details are updated in place to a neutral text when their reader no longer has the
/// request, and for everyone when retention erases it. The new content holds nothing of the request.
/// </summary>
public sealed class RedactionTests : PeerSupportChat
{
    private const string Note = "I gave the wrong dose in bed 12 and I can't stop shaking";

    [Fact]
    public async Task ADeclinedOfferIsTakenBackFromTheSupporterWhoDeclinedOnly()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: Note, contactInfo: "555-0199"));
        var first = request.Supporter!;
        var second = first.Key == Dana.Key ? Fay : Dana;

        await DeclineAsync(first, request.Id);

        var taken = Assert.Single(Chat.Messenger.Updates);
        Assert.Equal(first.Key, taken.To.Key);
        Assert.Equal(SupportCards.OfferKind, Chat.Messenger.ToUsers[taken.Index].Message.Card!.Kind); // the offer card itself, in place
        AssertNeutral(taken.Message, request.Reference);
        Assert.Single(OffersTo(second)); // the next supporter's offer stands
    }

    [Fact]
    public async Task AnOfferWhoseWindowPassedAndAWithdrawnRequestAreTakenBack()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: Note));
        var first = request.Supporter!;
        await SweepAfterAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(first.Key, Assert.Single(Chat.Messenger.Updates).To.Key);

        var second = (await Requests.GetAsync(request.Id, default))!.Supporter!;
        await Chat.As(Ana).Send("support cancel");

        var withdrawn = Chat.Messenger.Updates.Skip(1).ToList();
        Assert.Contains(withdrawn, u => u.To.Key == second.Key);
        Assert.All(withdrawn, u => AssertNeutral(u.Message, request.Reference));
        Assert.Contains("closed", Text(withdrawn[0].Message), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetentionTakesTheDetailsBackFromEveryCardTheAssignedSupporterAndCoordinatorsIncluded()
    {
        Chat.Support.RetentionDays = 30;
        await RememberAsync(Eli);
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: Note, contactInfo: "555-0199"));
        await AcceptAsync(Dana, request.Id);
        await Chat.As(Dana).Send("h3 show " + request.Reference);
        await Chat.As(Eli).Send("h3 show " + request.Reference);
        await Chat.As(Dana).Send("done");
        var shown = Chat.Messenger.ToUsers.Select((m, i) => (m, i))
            .Where(x => x.m.Message.Card?.Kind is SupportCards.OfferKind or SupportCards.DetailsKind).Select(x => x.i).ToList();
        Assert.Equal(3, shown.Count); // Dana's offer, Dana's and Eli's "h3 show"
        Assert.Empty(Chat.Messenger.Updates);

        await SweepAfterAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        Assert.Equal(shown.Order(), Chat.Messenger.Updates.Select(u => u.Index).Order());
        Assert.Contains(Chat.Messenger.Updates, u => u.To.Key == Eli.Key);
        Assert.All(Chat.Messenger.Updates, u => AssertNeutral(u.Message, request.Reference));
        Assert.Contains("erased", Text(Chat.Messenger.Updates[0].Message), StringComparison.Ordinal);
        Assert.Empty((await Requests.GetAsync(request.Id, default))!.Shown); // nothing kept of where they were
    }

    [Fact]
    public async Task AnEscalationAlertIsTakenBackAtThePurgeAndASupporterLeavingTheRosterLosesTheirCards()
    {
        Chat.Support.RetentionDays = 30;
        await RememberAsync(Eli);
        await RosterAsync(Dana, Fay);
        var leaving = await RequestAsync(Ana, Form(draft: "a", note: Note));
        var leaver = leaving.Supporter!;
        await AcceptAsync(leaver, leaving.Id);
        await Chat.As(leaver).Send("h3 show " + leaving.Reference);

        await Chat.As(Eli).In(WellnessChannel).Send("h3 roster remove @" + leaver.Name, [leaver]);

        var taken = Chat.Messenger.Updates.Where(u => u.To.Key == leaver.Key).Select(u => Chat.Messenger.ToUsers[u.Index].Message.Card!.Kind).Order().ToList();
        Assert.Equal([SupportCards.DetailsKind, SupportCards.OfferKind], taken);

        var alone = await RequestAsync(Ben, Form(draft: "b", note: "after the code"));
        var stayer = alone.Supporter!;
        await DeclineAsync(stayer, alone.Id); // nobody left: the coordinators are alerted
        var alert = Chat.Messenger.ToUsers.FindLastIndex(m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
        Assert.True(alert >= 0);
        await Chat.As(Eli).Send("h3 done " + alone.Reference);
        await SweepAfterAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Contains(Chat.Messenger.Updates, u => u.Index == alert);
    }

    [Fact]
    public async Task AChannelThatFailsToUpdateACardNeverStopsTheRequestMoving()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: Note));
        var first = request.Supporter!;
        var second = first.Key == Dana.Key ? Fay : Dana;
        Chat.Messenger.Failing.Add(first.Id);

        await DeclineAsync(first, request.Id);

        Assert.Equal(second.Key, (await Requests.GetAsync(request.Id, default))!.Supporter!.Key);
        Assert.Contains(Chat.Logs.Lines, l => l.Contains(request.Reference, StringComparison.Ordinal) && l.Contains("could not be updated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACardTheChannelCannotUpdateAtThePurgeIsTriedAgainHourlyBeforeTheDetailsGo()
    {
        var request = await DoneWithDanasChatDownAsync(); // Teams is down for Dana when retention ends

        await SweepAfterAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.False((await Requests.GetAsync(request.Id, default))!.Purged);

        Chat.Messenger.Failing.Remove(Dana.Id);
        await SweepAfterAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.True((await Requests.GetAsync(request.Id, default))!.Purged);
        AssertNeutral(Assert.Single(Chat.Messenger.Updates, u => u.To.Key == Dana.Key).Message, request.Reference);
    }

    [Fact]
    public async Task TheStoreIsErasedWithinADayOfRetentionEvenIfACardNeverCanBeTakenBack()
    {
        var request = await DoneWithDanasChatDownAsync();

        await SweepAfterAsync(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        for (var hour = 0; hour < 25; hour++) await SweepAfterAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        Assert.True((await Requests.GetAsync(request.Id, default))!.Purged);
    }

    /// <summary>A request Dana accepted and closed, with her chat failing from now on; retention is 30 days.</summary>
    private async Task<SupportRequest> DoneWithDanasChatDownAsync()
    {
        Chat.Support.RetentionDays = 30;
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: Note));
        await AcceptAsync(Dana, request.Id);
        await Chat.As(Dana).Send("done");
        Chat.Messenger.Failing.Add(Dana.Id);
        return request;
    }

    private static void AssertNeutral(BotMessage message, string reference)
    {
        var text = Text(message);
        Assert.Equal(SupportCards.RedactedKind, message.Card!.Kind);
        Assert.Contains(reference, text, StringComparison.Ordinal);
        Assert.Empty(message.Card.Actions); // no Accept or Done left to press
        foreach (var secret in new[] { "wrong dose", "555-0199", "Ana", "after the code", "Ben" })
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    private static string Text(BotMessage message) =>
        string.Join(" ", message.Card!.Body.OfType<TextBlock>().Select(t => t.Text).Append(message.Card.Title ?? "").Append(message.Card.Summary ?? ""));
}
