using WellnessBot.Dialogs.Features;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Support;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>Who is asked, in what order, and what happens when they decline, say nothing, or nobody is left.</summary>
public sealed class RoutingTests : PeerSupportChat
{
    [Fact]
    public async Task ARequestAnotherInstanceOfferedFirstIsLeftToIt()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form("peer"));
        Assert.Equal(SupportStatus.Offered, request.Status);
        var offersBefore = Chat.Messenger.ToUsers.Count;

        // As when a sweep elsewhere offered it between this instance's write and its read: not offered again.
        var routing = Chat.Services.GetRequiredService<SupportRouting>();
        var same = await routing.OfferNextAsync((await Requests.GetAsync(request.Id, default))!, default);

        Assert.Equal((SupportStatus.Offered, request.Supporter!.Key), (same!.Status, same.Supporter!.Key));
        Assert.Equal(offersBefore, Chat.Messenger.ToUsers.Count);
    }

    [Fact]
    public async Task DeclinesMoveDownTheRosterThenEscalateToANamedCoordinator()
    {
        await RememberAsync(Eli);
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: "after the code"));
        var first = request.Supporter!;
        var second = first.Key == Dana.Key ? Fay : Dana;

        (await DeclineAsync(first, request.Id)).ExpectText("I've asked the next supporter");
        Assert.Single(OffersTo(second));
        await DeclineAsync(second, request.Id);

        var escalated = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal(SupportStatus.Escalated, escalated.Status);
        Assert.Equal(Eli.Key, escalated.EscalatedTo!.Key);
        Assert.Equal("Eli Coordinator", escalated.EscalatedTo.Name);
        var alert = Assert.Single(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind).Message.Card!;
        Assert.Contains(alert.Body.OfType<TextBlock>(), t => t.Text.Contains("after the code", StringComparison.Ordinal));
        Assert.Contains("**Eli Coordinator**, an H3 coordinator, who will reach out to you personally", TextsTo(Ana).Last(), StringComparison.Ordinal);
        Assert.Single(OffersTo(first)); // nobody is asked twice
        Assert.Single(OffersTo(second));
    }

    [Fact]
    public async Task NoAnswerWithinTheWindowMovesOnAndTheFirstSupporterIsToldWithoutDetails()
    {
        await RememberAsync(Eli);
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(note: "the night of the fall"));
        var first = request.Supporter!;
        var second = first.Key == Dana.Key ? Fay : Dana;
        Assert.Equal(request.OfferedAt + TimeSpan.FromHours(2), request.DueAt);

        await SweepAfterAsync(TimeSpan.FromMinutes(119));
        Assert.Empty(OffersTo(second));

        await SweepAfterAsync(TimeSpan.FromMinutes(2));
        Assert.Single(OffersTo(second));
        Assert.Equal(SupportText.OfferLapsed(request.Reference), TextsTo(first).Last());

        await SweepAfterAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(SupportStatus.Escalated, (await Requests.GetAsync(request.Id, default))!.Status);
        Assert.Single(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
    }

    [Fact]
    public async Task UrgentRequestsGetFifteenMinutes()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana, Form(urgent: true));
        var second = request.Supporter!.Key == Dana.Key ? Fay : Dana;

        Assert.True(request.Urgent);
        Assert.StartsWith("🔴 Urgent", Assert.Single(OffersTo(request.Supporter!)).Title, StringComparison.Ordinal);
        await SweepAfterAsync(TimeSpan.FromMinutes(16));
        Assert.Single(OffersTo(second));
    }

    [Fact]
    public async Task WindowsComeFromConfiguration()
    {
        Chat.Support.OfferWindowMinutes = 30;
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        Assert.Equal(request.OfferedAt + TimeSpan.FromMinutes(30), request.DueAt);
    }

    [Fact]
    public async Task ASupporterAskingForSupportIsNeverOfferedTheirOwnRequest()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Dana);

        Assert.Equal(Fay.Key, request.Supporter!.Key);
        Assert.Empty(OffersTo(Dana));
    }

    [Fact]
    public async Task AwaySupportersAreNotAskedUntilTheyAreAvailableAgain()
    {
        await RosterAsync(Dana, Fay);
        (await Chat.As(Dana).Send("away")).ExpectText("You're **away**");

        var first = await RequestAsync(Ana);
        Assert.Equal(Fay.Key, first.Supporter!.Key);

        (await Chat.As(Dana).Send("available")).ExpectText("You're **available**");
        var second = await RequestAsync(Ben);
        Assert.Equal(Dana.Key, second.Supporter!.Key); // and Fay already holds one
    }

    [Fact]
    public async Task WorkIsSpreadByFewestOpenThenLeastRecentlyAsked()
    {
        await RosterAsync(Dana, Fay);
        var first = await RequestAsync(Ana, Form(draft: "a"));
        var second = await RequestAsync(Ben, Form(draft: "b"));
        Assert.NotEqual(first.Supporter!.Key, second.Supporter!.Key);

        // Both now hold one; the first supporter closes theirs, so they have fewer open and are asked next.
        await AcceptAsync(first.Supporter!, first.Id);
        await Chat.As(first.Supporter!).Send("done");
        var third = await RequestAsync(Chen, Form(draft: "c"));
        Assert.Equal(first.Supporter!.Key, third.Supporter!.Key);
    }

    [Fact]
    public async Task ASupporterFromAnotherDepartmentIsPreferred()
    {
        await RosterAsync(Dana, Fay);
        await Chat.As(Eli).In(WellnessChannel).Send("h3 roster add @Dana Supporter department Surgery", [Dana]);
        await Chat.As(Eli).In(WellnessChannel).Send("h3 roster add @Fay Supporter department Medicine", [Fay]);

        Assert.Equal(Fay.Key, (await RequestAsync(Ana, Form(department: "surgery", draft: "a"))).Supporter!.Key);
        Assert.Equal(Dana.Key, (await RequestAsync(Ben, Form(department: "Medicine", draft: "b"))).Supporter!.Key);
    }

    [Fact]
    public async Task AnUnreachableSupporterIsSkippedAtOnce()
    {
        await RosterAsync(Dana, Fay);
        Chat.Messenger.Unreachable.Add(Dana.Id);
        Chat.Messenger.Unreachable.Add(Fay.Id);
        await RememberAsync(Eli);

        var request = (await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form())).ExpectCard(SupportCards.ConfirmationKind);

        var stored = Assert.Single(await Access.AllAsync(default));
        Assert.Equal(SupportStatus.Escalated, stored.Status);
        Assert.Equal(2, stored.Passed.Count);
    }

    [Fact]
    public async Task WithNoRosterAtAllTheRequestGoesStraightToTheCoordinators()
    {
        await RememberAsync(Eli);
        var request = await RequestAsync(Ana);
        Assert.Equal(SupportStatus.Escalated, request.Status);
        Assert.Single(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
    }

    [Fact]
    public async Task TimersSurviveARestartInTheMiddleOfTheChain()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        var second = request.Supporter!.Key == Dana.Key ? Fay : Dana;

        await Chat.RestartAsync();
        await SweepAfterAsync(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        Assert.Single(OffersTo(second));
        Assert.Equal(second.Key, (await Requests.GetAsync(request.Id, default))!.Supporter!.Key);
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnceMakeOneNewOffer()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        var second = request.Supporter!.Key == Dana.Key ? Fay : Dana;
        Chat.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));

        // A second instance of the bot: its own services and desk over the same store.
        await using var other = new ServiceCollection()
            .AddSingleton<TimeProvider>(Chat.Clock).AddSingleton(Chat.Program).AddSingleton(Chat.Store).AddSingleton(Chat.Support)
            .AddSingleton<WellnessBot.Dialogs.Turns.IProactiveMessenger>(Chat.Messenger)
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>))
            .AddSingleton<WellnessBot.Dialogs.Turns.IPeopleDirectory>(Chat.People)
            .AddWellnessDialogs().BuildServiceProvider();
        var desks = new[] { Timers, other.GetRequiredService<SupportTimers>() };

        for (var round = 0; round < 5; round++)
            await Task.WhenAll(desks.Select(d => Task.Run(() => d.SweepAsync(default))));

        Assert.Single(OffersTo(second));
        var stored = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Offered, second.Key), (stored.Status, stored.Supporter!.Key));
        Assert.Single(TextsTo(request.Supporter!), t => t == SupportText.OfferLapsed(request.Reference));
    }

    [Fact]
    public async Task CrisisWordsFromARequesterMarkTheirRequestUrgentAndShortenTheWindow()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        Assert.False(request.Urgent);
        Chat.Clock.Advance(TimeSpan.FromMinutes(5));

        var reply = await Chat.As(Ana).Send("honestly I want to kill myself");

        reply.ExpectCard(WellnessBot.Dialogs.Safety.SafetyReplies.CrisisCardKind);
        var urgent = (await Requests.GetAsync(request.Id, default))!;
        Assert.True(urgent.Urgent);
        Assert.Equal(Chat.Clock.GetUtcNow() + TimeSpan.FromMinutes(15), urgent.DueAt);
        var told = TextsTo(request.Supporter!).Last();
        Assert.Equal(SupportText.NowUrgent(request.Reference), told);
        Assert.DoesNotContain("kill", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrisisWordsInTheNoteMakeTheRequestUrgent()
    {
        await RosterAsync(Dana);
        var reply = await Chat.As(Ana).Submit(SupportDialog.SubmitAction, Form(note: "I don't want to be alive after this"));
        reply.ExpectCard(WellnessBot.Dialogs.Safety.SafetyReplies.CrisisCardKind);
        Assert.Equal("Yes", Fact(reply.ExpectCard(SupportCards.ConfirmationKind), "Urgent"));
    }

    [Fact]
    public async Task DoneClosesTheRequestAndNoCheckInIsSentByDefault()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana);
        await AcceptAsync(Dana, request.Id);

        (await Chat.As(Dana).Send("done")).ExpectText("The request is closed");

        var closed = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Done, SupportTimer.Purge), (closed.Status, closed.Timer));
        var before = TextsTo(Ana).Count;
        await SweepAfterAsync(TimeSpan.FromDays(8));
        Assert.Equal(before, TextsTo(Ana).Count);
    }

    [Fact]
    public async Task WhenTurnedOnTheRequesterGetsOneCheckInAWeekLater()
    {
        Chat.Support.FollowUpEnabled = true;
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana);
        await AcceptAsync(Dana, request.Id);
        await Chat.As(Dana).Send("done");

        await SweepAfterAsync(TimeSpan.FromDays(6));
        Assert.DoesNotContain(SupportText.FollowUp, TextsTo(Ana));
        await SweepAfterAsync(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Single(TextsTo(Ana), t => t == SupportText.FollowUp);
        await SweepAfterAsync(TimeSpan.FromDays(7));
        Assert.Single(TextsTo(Ana), t => t == SupportText.FollowUp);
    }

    [Fact]
    public async Task OnlyTheSupporterWhoAcceptedOrACoordinatorCanClose()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        await AcceptAsync(request.Supporter!, request.Id);
        var other = request.Supporter!.Key == Dana.Key ? Fay : Dana;

        (await Chat.As(other).Send("done " + request.Reference)).ExpectText("Only the supporter who accepted");
        (await Chat.As(Eli).Send("h3 done " + request.Reference)).ExpectText("The request is closed");
    }
}
