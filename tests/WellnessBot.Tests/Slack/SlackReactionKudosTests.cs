using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Harness;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Slack;

/// <summary>
/// Reaction kudos through the Slack events endpoint, against a WireMock Slack: the program's emoji on Ben's message
/// gives Ben a kudos from Ana that quotes it, told to Ben privately and to Ana with Undo, with nothing posted in the
/// channel; taking the reaction away withdraws it; other emoji, self-reactions, apps' messages and patient details
/// give none.
/// </summary>
public sealed class SlackReactionKudosTests : IAsyncLifetime
{
    private const string BensMessage = "1700000050.000100";
    private SlackHost _host = null!;
    private int _events;

    public Task InitializeAsync() => StartAsync();

    private Task StartAsync(params (string, string)[] settings)
    {
        _host = new SlackHost(settings);
        Given("users.info", new { user = "U0BEN" }, new { ok = true, user = new { id = "U0BEN", name = "ben", profile = new { display_name = "Ben Resident" } } });
        Given("users.info", new { user = "U0ANA" }, new { ok = true, user = new { id = "U0ANA", name = "ana", profile = new { display_name = "Ana Resident" } } });
        Given("users.info", new { user = "U0WORKFLOW" }, new { ok = true, user = new { id = "U0WORKFLOW", name = "standup", is_bot = true, profile = new { display_name = "Standup" } } });
        Given("conversations.open", new { users = "U0BEN" }, new { ok = true, channel = new { id = "D-U0BEN" } });
        Given("conversations.info", new { channel = "C0WELLNESS" }, new { ok = true, channel = new { id = "C0WELLNESS", is_channel = true, is_private = false } });
        Message(new { type = "message", user = "U0BEN", text = "covered <@U0ANA|ana>'s admissions &amp; the ICU list", ts = BensMessage });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ClappingAColleaguesMessageGivesThemAQuietKudosQuotingItAndRemovingTheReactionWithdrawsIt()
    {
        await ReactAsync("reaction_added", "clap::skin-tone-3");

        var saved = Assert.Single(await MonthAsync());
        Assert.Equal(("U0ANA", "U0BEN", true), (saved.Giver.Id, Assert.Single(saved.Recipients).Id, saved.Quiet));
        Assert.Contains("“covered @ana's admissions & the ICU list”", saved.Message, StringComparison.Ordinal);
        var ephemeral = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral").Body;
        Assert.Equal(("C0WELLNESS", "U0ANA"), (ephemeral["channel"]!.GetValue<string>(), ephemeral["user"]!.GetValue<string>()));
        Assert.Contains("\"Undo\"", ephemeral.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]?.GetValue<string>() == "D-U0BEN");
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]?.GetValue<string>() == "C0WELLNESS");

        await ReactAsync("reaction_added", "clap"); // again (another skin tone, or Slack redelivering): the same kudos
        Assert.Single(await MonthAsync());

        await ReactAsync("reaction_removed", "clap");
        Assert.Empty(await MonthAsync());
        Assert.Contains(_host.Calls(), c => c.Method == "chat.postEphemeral" && c.Body.ToJsonString().Contains("withdrawn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OtherEmojiSelfReactionsAndAppsMessagesGiveNoKudos()
    {
        await ReactAsync("reaction_added", "thumbsup");
        await ReactAsync("reaction_added", "clap", user: "U0BEN"); // Ben on his own message
        await ReactAsync("reaction_added", "clap", user: "U0BOT"); // the bot itself
        await ReactAsync("reaction_added", "clap", user: "U0WORKFLOW"); // another app's bot user
        Message(new { type = "message", subtype = "bot_message", bot_id = "B0PAGER", user = "U0BEN", text = "page from 5 West", ts = BensMessage }, priority: 0);
        await ReactAsync("reaction_added", "clap");

        Assert.Empty(await MonthAsync());
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "chat.postEphemeral");
    }

    [Fact]
    public async Task AMessageWithPatientDetailsIsNotQuotedAndTheReactorIsToldWhy()
    {
        Message(new { type = "message", user = "U0BEN", text = "admitted Mr. Alvarez to bed 14, MRN 40211873", ts = BensMessage }, priority: 0);

        await ReactAsync("reaction_added", "clap");

        Assert.Empty(await MonthAsync());
        var told = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral").Body.ToJsonString();
        Assert.Contains("patient details", told, StringComparison.Ordinal);
        Assert.DoesNotContain("40211873", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReactionInAPrivateChannelGivesAKudosWithoutCarryingItsWordsOut()
    {
        Given("conversations.info", new { channel = "C0WELLNESS" }, new { ok = true, channel = new { id = "C0WELLNESS", is_channel = true, is_private = true } }, priority: 0);

        await ReactAsync("reaction_added", "clap");

        var saved = Assert.Single(await MonthAsync());
        Assert.DoesNotContain("ICU", saved.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ICU", string.Join("\n", _host.Calls().Select(c => c.Body.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARemovalStampedAfterTheAddingWinsInWhicheverOrderTheyAreRun()
    {
        await ReactAsync("reaction_removed", "clap", stamp: 2); // Slack sent added (1) then removed (2); removed ran first
        await ReactAsync("reaction_added", "clap", stamp: 1);
        Assert.Empty(await MonthAsync());

        await ReactAsync("reaction_added", "clap", stamp: 3); // clapped again, later: that one counts
        Assert.Single(await MonthAsync());
    }

    [Fact]
    public async Task AReactionLeavesTheKudosWaitingInTheChannelAsItWas()
    {
        await MentionAsync("kudos <@U0BEN>");
        await ReactAsync("reaction_added", "clap");
        await MentionAsync("for running the code on 5 West");

        var month = await MonthAsync();
        Assert.Equal(2, month.Count);
        Assert.Contains(month, k => k.Message.Contains("5 West", StringComparison.Ordinal));
    }

    /// <summary>Slack's is_app_user means "an authorized user of the calling app": a person, such as whoever installed it.</summary>
    [Fact]
    public async Task APersonWhoAuthorisedTheAppStillGivesKudosByReaction()
    {
        Given("users.info", new { user = "U0ANA" }, new { ok = true, user = new { id = "U0ANA", name = "ana", is_app_user = true, is_bot = false, profile = new { display_name = "Ana Resident" } } }, priority: 0);
        await ReactAsync("reaction_added", "clap");
        Assert.Single(await MonthAsync());
    }

    [Fact]
    public async Task WhenSlackCannotSayWhoReactedTheKudosIsStillGiven()
    {
        Given("users.info", new { user = "U0ANA" }, new { ok = false, error = "fatal_error" }, priority: 0);
        await ReactAsync("reaction_added", "clap");
        Assert.Single(await MonthAsync());
    }

    [Fact]
    public async Task TheEmojiIsTheProgramsOwnChoice()
    {
        await _host.DisposeAsync();
        await StartAsync(("Kudos:ReactionEmoji", "tada"));

        await ReactAsync("reaction_added", "clap");
        Assert.Empty(await MonthAsync());
        await ReactAsync("reaction_added", "tada");
        Assert.Single(await MonthAsync());
    }

    private void Message(object message, int priority = 1) => Given("reactions.get", new { channel = "C0WELLNESS", timestamp = BensMessage },
        new { ok = true, type = "message", channel = "C0WELLNESS", message }, priority);

    private void Given(string method, object body, object answer, int priority = 1) =>
        _host.Slack.Given(Request.Create().WithPath("/api/" + method).UsingPost().WithBody(new JsonPartialMatcher(body))).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(answer));

    private async Task ReactAsync(string type, string reaction, string user = "U0ANA", int? stamp = null)
    {
        var id = Interlocked.Increment(ref _events);
        var eventTs = $"1700000100.{stamp ?? id:D6}";
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", api_app_id = "A0APP", type = "event_callback", event_id = "Ev0REACT" + id, event_time = 1700000100,
            authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
            @event = new { type, user, reaction, item_user = "U0BEN", item = new { type = "message", channel = "C0WELLNESS", ts = BensMessage }, event_ts = eventTs },
        });
        await _host.IdleAsync();
    }

    /// <summary>Ana writing to the bot in the channel (an app_mention).</summary>
    private async Task MentionAsync(string text)
    {
        var id = Interlocked.Increment(ref _events);
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0MENTION" + id, authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ANA", text = "<@U0BOT> " + text, ts = $"1700000200.{id:D6}" },
        });
        await _host.IdleAsync();
    }

    private Task<List<KudosRecord>> MonthAsync() => SentJson.KudosThisMonthAsync(_host.Services);
}
