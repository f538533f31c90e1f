using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>The legal moves of a request, on the record itself: each checks the state it leaves.</summary>
public sealed class SupportRequestMovesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Ana = new("msteams", "29:ana", "Ana"), Dana = new("msteams", "29:dana", "Dana"), Eli = new("msteams", "29:eli", "Eli");

    private static SupportRequest New() => SupportRequest.Received("abcdef0123456789", Ana, SupportTier.PeerSupporter, urgent: false, new SupportDetails(), Now);

    [Fact]
    public void ARequestGoesNewOfferedAcceptedDoneWithItsTimers()
    {
        var request = New();
        Assert.Equal((SupportStatus.New, SupportTimer.OfferExpires, Now), (request.Status, request.Timer, request.DueAt!.Value));
        Assert.Equal("", request.Requester!.Name); // the name lives in the encrypted details only

        var offered = request.Offer(Dana, Now, TimeSpan.FromHours(2));
        Assert.Equal((SupportStatus.Offered, Dana.Key, Now.AddHours(2)), (offered.Status, offered.Supporter!.Key, offered.DueAt!.Value));

        var accepted = offered.Accept(Dana, Now.AddMinutes(20));
        Assert.Equal((SupportStatus.Accepted, SupportTimer.None, Now.AddMinutes(20)), (accepted.Status, accepted.Timer, accepted.AcceptedAt!.Value));

        var done = accepted.Close(Now.AddDays(1), followUpAfter: TimeSpan.FromDays(7), retention: TimeSpan.FromDays(30));
        Assert.Equal((SupportStatus.Done, SupportTimer.FollowUp, Now.AddDays(8)), (done.Status, done.Timer, done.DueAt!.Value));
        var followed = done.FollowedUp(Now.AddDays(8), TimeSpan.FromDays(30));
        Assert.Equal((SupportTimer.Purge, Now.AddDays(31)), (followed.Timer, followed.DueAt!.Value));

        var purged = followed.Purge();
        Assert.True(purged.Purged);
        Assert.Equal((null, null, null, SupportTimer.None), (purged.Requester, purged.Details, purged.Supporter, purged.Timer));
    }

    [Fact]
    public void APassedOnOfferGoesBackToTheQueueAndThatSupporterIsNotAskedAgain()
    {
        var passed = New().Offer(Dana, Now, TimeSpan.FromHours(2)).PassOn(Now.AddHours(2));
        Assert.Equal((SupportStatus.New, null, Now.AddHours(2)), (passed.Status, passed.Supporter, passed.DueAt!.Value));
        Assert.Equal([Dana.Key], passed.Passed);

        var escalated = passed.Escalate(Eli, Now, TimeSpan.FromMinutes(5));
        // Until a coordinator is reached, the retry timer runs: a crash before the alert leaves work for the sweep.
        Assert.Equal((SupportStatus.Escalated, Eli.Key, SupportTimer.EscalationRetry, Now.AddMinutes(5)), (escalated.Status, escalated.EscalatedTo!.Key, escalated.Timer, escalated.DueAt!.Value));
        Assert.True(escalated.AwaitingCoordinator);
        Assert.Equal(SupportTimer.None, escalated.CoordinatorReached(Eli).Timer);
        Assert.Empty(passed.StartOver(Now, TimeSpan.FromHours(2)).Passed);
    }

    [Fact]
    public void UrgencyShortensOnlyAPendingOffersWindow()
    {
        var offered = New().Offer(Dana, Now, TimeSpan.FromHours(2));
        Assert.Equal(Now.AddMinutes(15), offered.MarkUrgent(Now.AddMinutes(15)).DueAt);
        Assert.True(offered.MarkUrgent(Now.AddMinutes(15)).Urgent);
        var accepted = offered.Accept(Dana, Now);
        Assert.Null(accepted.MarkUrgent(Now.AddMinutes(15)).DueAt);
    }

    [Fact]
    public void MovesFromTheWrongStateAreRefused()
    {
        var request = New();
        Assert.Throws<InvalidOperationException>(() => request.Accept(Dana, Now));    // never offered
        Assert.Throws<InvalidOperationException>(() => request.PassOn(Now));          // nobody to pass it on
        Assert.Throws<InvalidOperationException>(() => request.Offer(Dana, Now, TimeSpan.FromHours(2)).Accept(Eli, Now)); // not hers
        var accepted = request.Offer(Dana, Now, TimeSpan.FromHours(2)).Accept(Dana, Now);
        Assert.Throws<InvalidOperationException>(() => accepted.Offer(Eli, Now, TimeSpan.FromHours(2)));
        Assert.Throws<InvalidOperationException>(() => accepted.Escalate(Eli, Now, TimeSpan.FromMinutes(5)));
        var cancelled = accepted.Cancel(Now, TimeSpan.FromDays(30));
        Assert.Throws<InvalidOperationException>(() => cancelled.Close(Now, null, TimeSpan.FromDays(30)));
        Assert.Throws<InvalidOperationException>(() => cancelled.Cancel(Now, TimeSpan.FromDays(30)));
        Assert.Throws<InvalidOperationException>(() => request.FollowedUp(Now, TimeSpan.FromDays(30)));
    }
}
