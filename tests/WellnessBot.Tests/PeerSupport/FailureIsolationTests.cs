using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Support;
using WellnessBot.Tests.Harness;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>
/// An offer counts only once delivered; an escalation nobody received is tried again, and the requester is told
/// the truth meanwhile; a supporter who leaves the roster takes no request with them.
/// </summary>
public sealed class FailureIsolationTests : PeerSupportChat
{
    [Fact]
    public async Task AnOfferTheChannelFailsToDeliverGoesToTheNextSupporterAtOnceAndNeverArrivesLate()
    {
        await RosterAsync(Dana, Fay);
        Chat.Messenger.Failing.Add(Dana.Id); // Teams refuses every message to Dana for now
        Chat.Messenger.Failing.Add(Fay.Id);
        var first = await RequestAsync(Ana, Form(draft: "a"));
        Assert.Equal(SupportStatus.Escalated, first.Status); // nobody could be reached, so no window was left running unseen
        Chat.Messenger.Failing.Remove(Fay.Id);

        var request = await RequestAsync(Ben, Form(draft: "b"));

        Assert.Equal((SupportStatus.Offered, Fay.Key), (request.Status, request.Supporter!.Key)); // no two-hour wait on Dana
        Assert.Equal(Chat.Clock.GetUtcNow() + TimeSpan.FromHours(2), request.DueAt); // Fay's window runs from delivery
        Assert.Contains(Dana.Key, request.Passed);
        Chat.Messenger.Failing.Remove(Dana.Id);
        var outbox = Chat.Services.GetRequiredService<WellnessBot.Dialogs.Outbox.Outbox>();
        Chat.Clock.Advance(TimeSpan.FromHours(1));
        await outbox.SendDueAsync(default);
        Assert.Empty(OffersTo(Dana)); // the offer that failed is not sent later, when it is someone else's
    }

    [Fact]
    public async Task AnOfferWhoseSendDiedWithItsInstanceIsPassedOnWithinMinutes()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        var first = request.Supporter!;
        // As if the instance died between recording the offer and sending it: the window never started.
        var stored = (await Requests.GetAsync(request.Id, default))!;
        await Requests.TryUpdateAsync(stored, stored with { DueAt = Chat.Clock.GetUtcNow() + SupportRouting.SendGrace }, default);

        await SweepAfterAsync(SupportRouting.SendGrace + TimeSpan.FromSeconds(1));

        var moved = (await Requests.GetAsync(request.Id, default))!;
        Assert.NotEqual(first.Key, moved.Supporter?.Key);
        Assert.Equal(SupportStatus.Offered, moved.Status);
    }

    [Fact]
    public async Task AnEscalationThatReachedNoCoordinatorIsRetriedAndTheRequesterIsToldHonestly()
    {
        Chat.Support.EscalationRetryMinutes = 5;
        await RememberAsync(Eli);
        Chat.Messenger.Failing.Add(Eli.Id);
        var request = await RequestAsync(Ana, Form(note: "after the code")); // nobody on the roster: straight to the coordinators

        var waiting = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Escalated, SupportTimer.EscalationRetry), (waiting.Status, waiting.Timer));
        var told = TextsTo(Ana).Last();
        Assert.Equal(SupportText.StillReachingCoordinator, told);
        Assert.Contains("988", told, StringComparison.Ordinal);
        Assert.Contains("911", told, StringComparison.Ordinal);
        Assert.DoesNotContain("will reach out", told, StringComparison.Ordinal);

        var status = (await Chat.As(Ana).Send("support status")).Describe(); // no promise while nobody has it
        Assert.Contains("haven't been able to reach an H3 coordinator yet", status, StringComparison.Ordinal);
        Assert.DoesNotContain("will reach out", status, StringComparison.Ordinal);

        await SweepAfterAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)); // Teams still failing: tried again, still waiting
        Assert.Equal(SupportTimer.EscalationRetry, (await Requests.GetAsync(request.Id, default))!.Timer);
        Assert.Single(TextsTo(Ana), SupportText.StillReachingCoordinator); // told once, not at every try

        Chat.Messenger.Failing.Remove(Eli.Id);
        await SweepAfterAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        await SweepAfterAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Single(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
        var owned = (await Requests.GetAsync(request.Id, default))!;
        Assert.Equal((SupportStatus.Escalated, SupportTimer.None, Eli.Key), (owned.Status, owned.Timer, owned.EscalatedTo!.Key));
        Assert.Contains("**Eli Coordinator**, an H3 coordinator, who will reach out to you personally", TextsTo(Ana).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRequesterIsToldTheNameOfTheCoordinatorWhoWasActuallyReached()
    {
        var program = new WellnessBot.Dialogs.Engine.ProgramSettings { Coordinators = ["29:coordinator-eli", "29:coordinator-gus"] };
        await using var chat = new TestChat(program: program);
        await chat.InitializeAsync();
        chat.People.Names["msteams|29:coordinator-gus"] = "Gus Coordinator";
        chat.Messenger.Failing.Add(Eli.Id);

        await chat.As(Ana).Submit(WellnessBot.Dialogs.Features.SupportDialog.SubmitAction, Form());

        var told = chat.Messenger.ToUsers.Where(m => m.To.Key == Ana.Key && m.Message.Text is not null).Select(m => m.Message.Text!).Last();
        Assert.Contains("**Gus Coordinator**", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupporterRemovedFromTheRosterLosesTheirOffersAcceptedRequestsAndAccess()
    {
        await RosterAsync(Dana, Fay);
        var accepted = await RequestAsync(Ana, Form(draft: "a", note: "the night of the fall"));
        await AcceptAsync(accepted.Supporter!, accepted.Id);
        var leaving = accepted.Supporter!;
        var staying = leaving.Key == Dana.Key ? Fay : Dana;

        var reply = await Chat.As(Eli).In(WellnessChannel).Send("h3 roster remove @" + leaving.Name, [leaving]);

        reply.ExpectText("1 open request passed to the next supporter");
        var moved = (await Requests.GetAsync(accepted.Id, default))!;
        Assert.Equal((SupportStatus.Offered, staying.Key), (moved.Status, moved.Supporter!.Key));
        Assert.Single(OffersTo(staying), o => RequestIdOn(o) == accepted.Id);
        Assert.Equal(SupportText.Reassigned(accepted.Reference), TextsTo(leaving).Last());
        (await Chat.As(leaving).Send("h3 show " + accepted.Reference)).ExpectText("only the peer supporter assigned to a request");
        (await Chat.As(leaving).Send("h3 requests")).ExpectText("You don't hold any support requests");
        (await AcceptAsync(leaving, accepted.Id)).ExpectText("isn't (or is no longer) offered to you");
    }

    [Fact]
    public async Task OneRequestsFailingTimerDoesNotHoldUpTheOthers()
    {
        await RosterAsync(Dana, Fay);
        var first = await RequestAsync(Ana, Form("peer", draft: "first"));
        Chat.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await RequestAsync(Ben, Form("peer", draft: "second"));
        Chat.Messenger.Failing.Add(first.Supporter!.Id); // telling the first supporter their window passed fails

        await SweepAfterAsync(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));

        var later = (await Requests.GetAsync(second.Id, default))!;
        Assert.NotEqual(second.Supporter!.Key, later.Supporter?.Key); // the second request still moved on
    }

    [Fact]
    public async Task ARequestWhoseFirstOfferNeverHappenedIsOfferedByTheNextSweep()
    {
        await RosterAsync(Dana);
        // As if the instance died right after storing the request: a New request with its timer due now.
        var now = Chat.Clock.GetUtcNow();
        Assert.Equal(SupportRequests.Creation.Created, await Requests.CreateAsync(new SupportRequest
        {
            Id = "deadbeef0000000000000001", Requester = Ana with { Name = "" }, Tier = SupportTier.PeerSupporter, Status = SupportStatus.New,
            CreatedAt = now, Timer = SupportTimer.OfferExpires, DueAt = now, Details = new SupportDetails { RequesterName = Ana.Name },
        }, default));

        await Timers.SweepAsync(default);

        Assert.Single(OffersTo(Dana));
        Assert.Equal(SupportStatus.Offered, (await Requests.GetAsync("deadbeef0000000000000001", default))!.Status);
    }

    [Fact]
    public async Task AnEscalationWhoseInstanceDiedBeforeAlertingIsAlertedByTheNextSweep()
    {
        await RememberAsync(Eli);
        var routing = Chat.Services.GetRequiredService<SupportRouting>();
        // As if the instance died right after recording the escalation: nobody alerted, nobody told.
        var now = Chat.Clock.GetUtcNow();
        var request = SupportRequest.Received("cafe00000000000000000001", Ana, SupportTier.PeerSupporter, false, new SupportDetails { RequesterName = Ana.Name }, now);
        Assert.Equal(SupportRequests.Creation.Created, await Requests.CreateAsync(request, default));
        var stored = (await Requests.GetAsync(request.Id, default))!;
        await Requests.TryUpdateAsync(stored, stored.Escalate(Eli with { Name = "" }, now, TimeSpan.FromMinutes(Chat.Support.EscalationRetryMinutes)), default);

        await SweepAfterAsync(TimeSpan.FromMinutes(Chat.Support.EscalationRetryMinutes) + TimeSpan.FromSeconds(1));

        Assert.Single(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
        Assert.False((await Requests.GetAsync(request.Id, default))!.AwaitingCoordinator);
    }

    [Fact]
    public async Task ACoordinatorTheRequestIsAboutIsNeverShownItsDetails()
    {
        await RememberAsync(Eli);
        var form = (await Chat.As(Ana).In(WellnessChannel).Send("support for @Eli Coordinator", [Eli])).ExpectCard(OutreachCards.ReferralFormKind);
        var submit = form.Actions.OfType<WellnessBot.Dialogs.Messages.SubmitAction>().Single(a => a.ActionId == WellnessBot.Dialogs.Features.ReferralDialog.SubmitAction);
        await Chat.As(Ana).Submit(submit.ActionId, [.. submit.Data.Select(d => (d.Key, d.Value)), (SupportCards.NoteInput, "she took the code hard")]);
        var request = Assert.Single(await Access.AllAsync(default));

        // No supporter on the roster: it escalates, and Eli, the only coordinator, is the person it is about.
        Assert.DoesNotContain(Chat.Messenger.ToUsers, m => m.To.Key == Eli.Key && m.Message.Card?.Kind == SupportCards.EscalationKind);
        (await Chat.As(Eli).Send("h3 show " + request.Reference)).ExpectText("only the peer supporter assigned");
        Assert.DoesNotContain(Chat.Messenger.ToUsers.Where(m => m.To.Key == Eli.Key), m => m.Message.Card?.Body.OfType<WellnessBot.Dialogs.Messages.TextBlock>()
            .Any(t => t.Text.Contains("took the code hard", StringComparison.Ordinal)) == true);
    }

    [Fact]
    public async Task ASupportersAcceptIsNeverLostToAWriteThatLandsAtTheSameMoment()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana);
        var actions = Chat.Services.GetRequiredService<SupporterActions>();

        // As when the offer's delivery record (or crisis words) is written while Dana presses Accept: each of these
        // writes can beat the accept's own write once.
        var bumps = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
                if (await Requests.GetAsync(request.Id, default) is { Status: SupportStatus.Offered } r) await Requests.TryUpdateAsync(r, r, default);
        });
        var result = await actions.AcceptAsync(Dana, request.Id, default);
        await bumps;

        Assert.Equal(SupportActionResult.Done, result);
        Assert.Equal(SupportStatus.Accepted, (await Requests.GetAsync(request.Id, default))!.Status);
    }
}
