using WellnessBot.Dialogs.Support;
using static WellnessBot.Tests.Harness.TestChat;

namespace WellnessBot.Tests.PeerSupport;

/// <summary>After acceptance: the supporter's reminders at 24 h and 72 h, and the time figures coordinators see.</summary>
public sealed class FollowThroughTests : PeerSupportChat
{
    [Fact]
    public async Task TheAcceptingSupporterIsRemindedPrivatelyAtOneAndThreeDaysUntilDone()
    {
        await RosterAsync(Dana);
        var request = await RequestAsync(Ana, Form(note: "the night of the fall"));
        await AcceptAsync(Dana, request.Id);
        int Reminders() => TextsTo(Dana).Count(t => t.Contains("gentle reminder", StringComparison.Ordinal));

        await SweepAfterAsync(TimeSpan.FromHours(23) + TimeSpan.FromMinutes(59));
        Assert.Equal(0, Reminders());
        await SweepAfterAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, Reminders());
        var first = TextsTo(Dana).Last();
        Assert.Contains("a day ago", first, StringComparison.Ordinal);
        Assert.Contains("done " + request.Reference, first, StringComparison.Ordinal);
        Assert.DoesNotContain("fall", first, StringComparison.Ordinal); // no details in a reminder
        Assert.DoesNotContain("Ana", first, StringComparison.Ordinal);

        await SweepAfterAsync(TimeSpan.FromHours(47));
        Assert.Equal(1, Reminders());
        await SweepAfterAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(2, Reminders());
        Assert.Contains("3 days ago", TextsTo(Dana).Last(), StringComparison.Ordinal);

        await SweepAfterAsync(TimeSpan.FromDays(10));
        Assert.Equal(2, Reminders()); // two, then quiet
        Assert.DoesNotContain(Chat.Messenger.ToUsers, m => m.To.Key != Dana.Key && m.Message.Text?.Contains("reminder", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NoReminderOnceTheRequestIsDoneAndNoneWhenTheProgramTurnsThemOff()
    {
        await RosterAsync(Dana, Fay);
        var done = await RequestAsync(Ana, Form(draft: "a"));
        await AcceptAsync(done.Supporter!, done.Id);
        await SweepAfterAsync(TimeSpan.FromHours(25));
        await Chat.As(done.Supporter!).Send("done " + done.Reference);
        await SweepAfterAsync(TimeSpan.FromDays(4));
        Assert.Single(TextsTo(done.Supporter!), t => t.Contains("gentle reminder", StringComparison.Ordinal));

        Chat.Support.ReminderHours = "";
        var quiet = await RequestAsync(Ben, Form(draft: "b"));
        await AcceptAsync(quiet.Supporter!, quiet.Id);
        Assert.Equal(SupportTimer.None, (await Requests.GetAsync(quiet.Id, default))!.Timer);
    }

    [Fact]
    public async Task ASupporterWhoTakesOverIsRemindedFromTheirOwnAcceptance()
    {
        await RosterAsync(Dana, Fay);
        var request = await RequestAsync(Ana);
        var first = request.Supporter!;
        var next = first.Key == Dana.Key ? Fay : Dana;
        await AcceptAsync(first, request.Id);
        await SweepAfterAsync(TimeSpan.FromHours(30)); // the first supporter's 24 h reminder
        await Chat.As(Eli).In(WellnessChannel).Send("h3 roster remove @" + first.Name, [first]);
        await AcceptAsync(next, request.Id);

        await SweepAfterAsync(TimeSpan.FromHours(23));
        Assert.DoesNotContain(TextsTo(next), t => t.Contains("gentle reminder", StringComparison.Ordinal));
        await SweepAfterAsync(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Contains("a day ago", Assert.Single(TextsTo(next), t => t.Contains("gentle reminder", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatsGiveTheMedianAndNinetiethPercentileFromRequestToAcceptanceAndFromAcceptanceToDone()
    {
        await RosterAsync(Dana, Fay);
        // Four requests accepted after 10, 20, 30 and 40 minutes, each done 1, 2, 3 and 4 hours after its acceptance.
        var requests = new List<SupportRequest>();
        foreach (var (who, i) in new[] { Ana, Ben, Chen, Eli }.Select((p, i) => (p, i)))
        {
            var request = await RequestAsync(who, Form(draft: "d" + i));
            Chat.Clock.Advance(TimeSpan.FromMinutes(10 * (i + 1)));
            await AcceptAsync(request.Supporter!, request.Id);
            Chat.Clock.Advance(TimeSpan.FromHours(i + 1));
            await Chat.As(request.Supporter!).Send("done " + request.Reference);
            requests.Add(request);
        }

        var text = (await Chat.As(Eli).Send("h3 stats")).Describe();

        Assert.Contains("time from request to acceptance: median 25 min, 90% within 37 min", text, StringComparison.Ordinal);
        Assert.Contains("Marked done after acceptance: 4; time from acceptance to done: median 2.5 h, 90% within 3.7 h", text, StringComparison.Ordinal);
        foreach (var name in new[] { "Ana", "Ben", "Chen", "Dana", "Fay" }) Assert.DoesNotContain(name, text, StringComparison.Ordinal);
    }
}
