using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Tests.Harness;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Slack;

/// <summary>
/// A referral and an event outreach through the Slack edge, against a WireMock Slack where everyone has their own
/// DM: nothing posted in any channel, the referrer never named to the person, and the supporter's offer updated
/// with chat.update once Ben says "Thanks, not now".
/// </summary>
public sealed class SlackOutreachTests : IAsyncLifetime
{
    private const string Worry = "he went very quiet after the code";
    private static readonly (string User, string Name)[] People =
        [("U0ANA", "Ana Resident"), ("U0BEN", "Ben Resident"), ("U0DANA", "Dana Supporter"), ("U0ELI", "Eli Coordinator")];
    private SlackHost _host = null!;
    private int _events;

    public async Task InitializeAsync()
    {
        _host = new SlackHost(("Program:Coordinators:0", "U0ELI"));
        foreach (var (user, name) in People)
        {
            Given("conversations.open", new { users = user }, new { ok = true, channel = new { id = "D-" + user } });
            Given("users.info", new { user }, new { ok = true, user = new { id = user, name = user.ToLowerInvariant(), profile = new { display_name = name, real_name = name } } });
        }
        await DirectMessageAsync("U0ELI", "h3 roster add <@U0DANA>");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASlashReferralInAChannelIsAPrivateModalAndBensNoThanksTakesTheOfferBackFromDana()
    {
        await _host.CommandAsync("/support", "for <@U0BEN|ben>");
        await _host.IdleAsync();
        var view = Assert.Single(_host.Calls(), c => c.Method == "views.open").Body["view"]!.AsObject();
        Assert.Equal("referral.submit", view["callback_id"]!.GetValue<string>());

        var submitted = await _host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = "T0TEAM" }, ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" },
            ["view"] = new JsonObject
            {
                ["id"] = "V0VIEW", ["callback_id"] = "referral.submit", ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["state"] = new JsonObject { ["values"] = new JsonObject { ["b-note"] = new JsonObject { ["note"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = Worry } } } },
            },
        });
        Assert.Equal("", await submitted.Content.ReadAsStringAsync()); // the modal closes
        await _host.IdleAsync();

        var offer = Assert.Single(PostsTo("D-U0DANA"), p => p.ToJsonString().Contains("h3.accept", StringComparison.Ordinal));
        Assert.Contains(Worry, offer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", offer.ToJsonString(), StringComparison.Ordinal);
        await PressAsync("U0DANA", "D-U0DANA", offer, "h3.accept");

        var outreach = Assert.Single(PostsTo("D-U0BEN"));
        Assert.Contains("Dana Supporter", outreach.ToJsonString(), StringComparison.Ordinal);
        var updatesBefore = _host.Calls().Count(c => c.Method == "chat.update");
        await PressAsync("U0BEN", "D-U0BEN", outreach, "support.not-now");

        var update = _host.Calls().Where(c => c.Method == "chat.update").Skip(updatesBefore).Single(u => u.Body["channel"]!.GetValue<string>() == "D-U0DANA").Body;
        Assert.Equal("1700000000.000100", update["ts"]!.GetValue<string>());
        Assert.Contains("no longer shown here", update.ToJsonString(), StringComparison.Ordinal);
        foreach (var secret in new[] { Worry, "Ben Resident", "Ana" }) Assert.DoesNotContain(secret, update.ToJsonString(), StringComparison.Ordinal);

        Assert.DoesNotContain(PostsTo("D-U0BEN"), p => p.ToJsonString().Contains("Ana", StringComparison.Ordinal));
        Assert.Empty(PostsTo("C0WELLNESS"));
    }

    [Fact]
    public async Task AnEventOutreachOffersSupportPrivatelyAndNamesNoCoordinatorToThePerson()
    {
        await DirectMessageAsync("U0ELI", "h3 event <@U0BEN> code on 4 West");

        var offer = Assert.Single(PostsTo("D-U0DANA"), p => p.ToJsonString().Contains("h3.accept", StringComparison.Ordinal));
        Assert.Contains("code on 4 West", offer.ToJsonString(), StringComparison.Ordinal);
        await PressAsync("U0DANA", "D-U0DANA", offer, "h3.accept");

        var outreach = Assert.Single(PostsTo("D-U0BEN")).ToJsonString();
        Assert.Contains("no judgement about what happened", outreach, StringComparison.Ordinal);
        Assert.DoesNotContain("Eli", outreach, StringComparison.Ordinal);
        Assert.Empty(PostsTo("C0WELLNESS"));
    }

    private void Given(string method, object body, object answer) =>
        _host.Slack.Given(Request.Create().WithPath("/api/" + method).UsingPost().WithBody(new JsonPartialMatcher(body))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(answer));

    private List<JsonObject> PostsTo(string channel) =>
        [.. _host.Calls().Where(c => c.Method == "chat.postMessage" && c.Body["channel"]?.GetValue<string>() == channel).Select(c => c.Body)];

    private async Task DirectMessageAsync(string user, string text)
    {
        var id = Interlocked.Increment(ref _events);
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", api_app_id = "A0APP", type = "event_callback", event_id = "Ev0OUT" + id, event_time = 1700000000,
            authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
            @event = new { type = "message", channel = "D-" + user, channel_type = "im", user, text, ts = $"1700000000.{id}", client_msg_id = "m" + id },
        });
        await _host.IdleAsync();
    }

    /// <summary>A button of a posted message pressed by <paramref name="user"/>, as Slack sends it (block_actions).</summary>
    private async Task PressAsync(string user, string channel, JsonObject post, string dialogAction)
    {
        var button = post["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => BlockKitRenderer.DialogActionId(e!["action_id"]!.GetValue<string>()) == dialogAction)!;
        await _host.InteractionAsync(new JsonObject
        {
            ["type"] = "block_actions", ["team"] = new JsonObject { ["id"] = "T0TEAM" }, ["user"] = new JsonObject { ["id"] = user }, ["trigger_id"] = "t-" + user,
            ["channel"] = new JsonObject { ["id"] = channel },
            ["actions"] = new JsonArray(new JsonObject
            {
                ["action_id"] = button["action_id"]!.GetValue<string>(), ["block_id"] = "b", ["type"] = "button",
                ["value"] = button["value"]!.GetValue<string>(), ["action_ts"] = "1.5",
            }),
        });
        await _host.IdleAsync();
    }
}
