using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Slack;

namespace WellnessBot.Tests.Fuzz;

/// <summary>
/// Thousands of seeded mutations of real Slack requests, each signed as Slack signs it: slash commands, events,
/// button clicks and modal submissions. None gets a 5xx, no turn fails in the background, and the bot still works.
/// </summary>
public sealed class SlackMalformedInputTests : IAsyncLifetime
{
    public const int Cases = 5_000;
    private readonly SlackHost _host = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static readonly JsonNode[] Events =
    [
        Json(new { type = "event_callback", team_id = "T0TEAM", event_id = "Ev0", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "message", channel_type = "im", channel = "D0ANA", user = "U0ANA", text = "kudos <@U0BEN> thanks for the handoff", ts = "1.1" } }),
        Json(new { type = "event_callback", team_id = "T0TEAM", event_id = "Ev1",
            @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ANA", text = "<@U0BOT> i want to disappear", ts = "1.2" } }),
        Json(new { type = "event_callback", team_id = "T0TEAM", event_id = "Ev2", @event = new { type = "app_home_opened", user = "U0ANA", tab = "home" } }),
        Json(new { type = "url_verification", challenge = "abc" }),
        Json(new { type = "event_callback", team_id = "T0TEAM", event_id = "Ev3", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "reaction_added", user = "U0ANA", reaction = "clap", item_user = "U0BEN", item = new { type = "message", channel = "C0WELLNESS", ts = "1700000000.000100" }, event_ts = "1.5" } }),
        Json(new { type = "event_callback", team_id = "T0TEAM", event_id = "Ev4", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "reaction_removed", user = "U0ANA", reaction = "clap::skin-tone-2", item_user = "U0BEN", item = new { type = "message", channel = "C0WELLNESS", ts = "1700000000.000100" }, event_ts = "1.6" } }),
    ];

    private static readonly JsonNode[] Interactions =
    [
        Json(new { type = "message_action", callback_id = "give_kudos", trigger_id = "t3", user = new { id = "U0ANA", name = "ana" }, team = new { id = "T0TEAM" },
            channel = new { id = "C0WELLNESS" }, message = new { type = "message", user = "U0BEN", text = "covered <@U0ANA|ana>'s pager", ts = "1700000000.000200", thread_ts = "1700000000.000100" } }),
        Json(new { type = "shortcut", callback_id = "give_kudos_anywhere", trigger_id = "t4", user = new { id = "U0ANA" }, team = new { id = "T0TEAM" } }),
        JsonNode.Parse("""
            { "type": "view_submission", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA", "name": "ana" },
              "view": { "id": "V2", "callback_id": "kudos.submit", "private_metadata": "{\"draft\":\"d-8\",\"action\":\"kudos.submit\",\"to\":\"[[\\\"U0BEN\\\",\\\"Ben\\\"]]\",\"slack_channel\":\"C0WELLNESS\",\"slack_thread\":\"1700000000.000100\"}",
                "state": { "values": { "message": { "message": { "type": "plain_text_input", "value": "thanks for the pager" } } } } } }
            """)!,
        Json(new { type = "block_actions", user = new { id = "U0ANA", name = "ana" }, team = new { id = "T0TEAM" }, trigger_id = "t1", channel = new { id = "D0ANA" },
            actions = new[] { new { action_id = "kudos.withdraw#1", value = "{\"id\":\"0123456789abcdef0123\",\"month\":\"2026-11\"}", action_ts = "1.3" } } }),
        Json(new { type = "block_actions", user = new { id = "U0ANA" }, team = new { id = "T0TEAM" }, trigger_id = "t2",
            actions = new[] { new { action_id = "support.reach-out#0", value = "{\"draft\":\"c1\"}", action_ts = "1.4" } } }),
        JsonNode.Parse("""
            { "type": "view_submission", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA", "name": "ana" },
              "view": { "id": "V0", "callback_id": "kudos.submit", "private_metadata": "{\"draft\":\"d-9\",\"action\":\"kudos.submit\"}",
                "state": { "values": { "recipients": { "recipients": { "type": "multi_users_select", "selected_users": ["U0BEN"] } },
                  "message": { "message": { "type": "plain_text_input", "value": "thanks" } } } } } }
            """)!,
        JsonNode.Parse("""
            { "type": "view_submission", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA" },
              "view": { "id": "V1", "callback_id": "support.submit", "private_metadata": "{\"draft\":\"s-9\",\"action\":\"support.submit\"}",
                "state": { "values": { "tier": { "tier": { "type": "radio_buttons", "selected_option": { "value": "peer" } } },
                  "note": { "note": { "type": "plain_text_input", "value": "a hard week" } } } } } }
            """)!,
    ];

    private static JsonNode Json(object value) => JsonSerializer.SerializeToNode(value)!;

    private static readonly string[] CommandFields = ["team_id", "channel_id", "channel_name", "user_id", "user_name", "command", "text", "response_url", "trigger_id"];

    private static string CommandBody(Mutator mutator)
    {
        var fields = new Dictionary<string, string>
        {
            ["team_id"] = "T0TEAM", ["channel_id"] = "C0WELLNESS", ["channel_name"] = "wellness", ["user_id"] = "U0ANA", ["user_name"] = "ana",
            ["command"] = "/kudos", ["text"] = "<@U0BEN|ben> thanks", ["response_url"] = "http://127.0.0.1:9/response", ["trigger_id"] = "t" + mutator.Next(1_000_000),
        };
        for (int i = 0, n = 1 + mutator.Next(3); i < n; i++)
        {
            var field = CommandFields[mutator.Next(CommandFields.Length)];
            if (mutator.Chance(0.2)) fields.Remove(field);
            else fields[field] = mutator.AnyString();
        }
        return SlackHost.Form([.. fields.Select(f => (f.Key, f.Value))]);
    }

    [Fact]
    public async Task NoMutatedRequestGetsA5xxOrBreaksATurn()
    {
        var mutator = new Mutator(seed: 20261203);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Cases; i++)
        {
            var (path, body, type) = mutator.Next(3) switch
            {
                0 => ("/slack/commands", CommandBody(mutator), "application/x-www-form-urlencoded"),
                1 => ("/slack/events", mutator.Chance(0.05) ? mutator.Garbage() : mutator.Mutate(Events[mutator.Next(Events.Length)]).ToJsonString(), "application/json"),
                _ => ("/slack/interactions", SlackHost.Form(("payload", mutator.Chance(0.05) ? mutator.Garbage()
                    : mutator.Mutate(Interactions[mutator.Next(Interactions.Length)]).ToJsonString())), "application/x-www-form-urlencoded"),
            };
            var status = (int)(await _host.PostAsync(path, body, type)).StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 && failures.Count < 5) failures.Add($"{status} {path}: {body[..Math.Min(body.Length, 300)]}");
        }
        await _host.IdleAsync();

        FuzzVerdict.Assert(failures, _host.Logs, statuses, Cases);

        Assert.Equal(HttpStatusCode.OK, (await _host.CommandAsync("/wellness", "help", trigger: "after-fuzz")).StatusCode);
        await _host.IdleAsync();
        Assert.Contains(_host.ResponseUrlPosts().Concat(_host.Calls().Select(c => c.Body)), b => b.ToJsonString().Contains("kudos", StringComparison.OrdinalIgnoreCase));
    }
}
