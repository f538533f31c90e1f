using WellnessBot.Dialogs;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Slack;

namespace WellnessBot.Tests.Safety;

/// <summary>The safety net through the Slack edge: signed requests, the turn after the ack, a WireMock Slack Web API.</summary>
public sealed class SlackSafetyTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task MentionAsync(string text, string eventId) => _host.EventAsync(new
    {
        token = "t", team_id = "T0TEAM", type = "event_callback", event_id = eventId, authorizations = new[] { new { user_id = "U0BOT" } },
        @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ANA", text = "<@U0BOT> " + text, ts = "1.1" },
    });

    [Fact]
    public async Task CrisisWordsInAChannelGetEphemeralHelpAndNothingInTheChannel()
    {
        await MentionAsync("everyone would honestly be better off without me", "Ev0CRISIS");
        await _host.IdleAsync();

        var help = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral");
        Assert.Equal("U0ANA", help.Body["user"]!.GetValue<string>());
        Assert.Contains("988", help.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("better off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenNeitherEphemeralNorDmReachThemNeutralResourcesArePostedInTheChannel()
    {
        _host.Api("chat.postEphemeral", new { ok = false, error = "user_not_in_channel" }, priority: 1);
        _host.Api("conversations.open", new { ok = false, error = "cannot_dm_bot" }, priority: 1);

        await MentionAsync("i cut myself again last night", "Ev0FALLBACK");
        await _host.IdleAsync();

        var posted = Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        var text = posted.Body["text"]!.GetValue<string>();
        Assert.Contains("988", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cut", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("U0ANA", posted.Body.ToJsonString(), StringComparison.Ordinal);
    }

    private Task DirectMessageAsync(string text, string eventId, string ts) => _host.EventAsync(new
    {
        token = "t", team_id = "T0TEAM", type = "event_callback", event_id = eventId, authorizations = new[] { new { user_id = "U0BOT" } },
        @event = new { type = "message", channel = "D0ANA", channel_type = "im", user = "U0ANA", text, ts },
    });

    [Fact]
    public async Task AWaitingKudosPromptIsPutAsideByACrisisMessageInASlackDm()
    {
        await DirectMessageAsync("kudos me", "Ev0KUDOS", "1.1");
        await _host.IdleAsync();
        var before = _host.Calls().Count;

        await DirectMessageAsync("I want to be dead", "Ev0DEAD", "1.2");
        await _host.IdleAsync();

        var replies = _host.Calls().Skip(before).Where(c => c.Method is "chat.postMessage" or "chat.postEphemeral").Select(c => c.Body.ToJsonString()).ToList();
        Assert.Contains("988", replies[0], StringComparison.Ordinal); // the crisis help comes first
        Assert.Contains(replies, r => r.Contains("Your kudos is on hold", StringComparison.Ordinal));
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Empty(await _host.Services.GetRequiredService<KudosStore>().MonthAsync(month, default));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("want to be dead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrisisWordsGetHelpEvenWhenTheCommandCannotBeActedOn()
    {
        _host.Api("users.info", new { ok = false, error = "user_not_found" }, priority: 1);

        await _host.CommandAsync("/kudos", "<@U0GHOST> you were there the night i almost took my own life");
        await _host.IdleAsync();

        var ephemeral = _host.Calls().Where(c => c.Method == "chat.postEphemeral").Select(c => c.Body.ToJsonString()).ToList();
        Assert.Contains("988", ephemeral[0], StringComparison.Ordinal); // help first
        Assert.Contains(ephemeral, e => e.Contains("find one person you mentioned", StringComparison.Ordinal));
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Empty(await _host.Services.GetRequiredService<KudosStore>().MonthAsync(month, default));
    }

    [Fact]
    public async Task TheCrisisCardsButtonFilesAnUrgentRequestFromSlack()
    {
        await MentionAsync("i have a date picked and the pills saved up", "Ev0BUTTON");
        await _host.IdleAsync();
        var blocks = _host.Calls().Single(c => c.Method == "chat.postEphemeral").Body["blocks"]!.AsArray();
        var button = blocks.Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => e!["action_id"]!.GetValue<string>().StartsWith("support.reach-out", StringComparison.Ordinal))!;

        await _host.InteractionAsync(JsonNode.Parse($$"""
            { "type": "block_actions", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA", "name": "ana" }, "trigger_id": "t-9",
              "channel": { "id": "C0WELLNESS" }, "response_url": "{{_host.ResponseUrl}}",
              "actions": [ { "action_id": "{{button["action_id"]}}", "block_id": "b", "type": "button", "value": {{System.Text.Json.JsonSerializer.Serialize(button["value"]!.GetValue<string>())}}, "action_ts": "1.9" } ] }
            """)!.AsObject());
        await _host.IdleAsync();

        var request = Assert.Single(await _host.Services.GetRequiredService<WellnessBot.Dialogs.Support.SupportRequests>().AllAsync(default));
        Assert.True(request.Urgent);
        Assert.Contains(_host.Calls(), c => c.Body.ToJsonString().Contains("on its way", StringComparison.Ordinal));
    }
}
