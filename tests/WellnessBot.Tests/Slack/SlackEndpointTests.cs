using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;

namespace WellnessBot.Tests.Slack;

/// <summary>The Slack endpoints end to end: signed requests in, Web API calls out to a WireMock Slack.</summary>
public sealed class SlackEndpointTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Task<List<KudosRecord>> KudosAsync() =>
        _host.Services.GetRequiredService<KudosStore>().MonthAsync(Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")), default);

    [Fact]
    public async Task UnsignedTamperedOrStaleRequestsAreRefusedBeforeAnythingIsRead()
    {
        var body = SlackHost.Form(("command", "/kudos"), ("text", "secret words"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", signature: "v0=00")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync("/slack/commands", body, "application/x-www-form-urlencoded", at: DateTimeOffset.UtcNow.AddMinutes(-6))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.PostAsync("/slack/events", "{\"type\":\"url_verification\",\"challenge\":\"x\"}", "application/json", signature: "nope")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _host.PostAsync("/slack/interactions", new string('a', 300_000), "application/x-www-form-urlencoded")).StatusCode);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("refused: signature Mismatch", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("secret words", StringComparison.Ordinal));
        Assert.Empty(_host.Calls());
    }

    [Fact]
    public async Task UrlVerificationEchoesTheChallenge()
    {
        var response = await _host.EventAsync(new { token = "t", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", type = "url_verification" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["challenge"]!.GetValue<string>());
    }

    [Fact]
    public async Task SlashKudosWithSeveralEscapedMentionsIsAnsweredAtOnceThenGivesOneKudos()
    {
        var response = await _host.CommandAsync("/kudos", "<@U0BEN|ben> and <@U0CHEN|chen> great handoffs all week #teamwork");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        await _host.IdleAsync();

        var stored = Assert.Single(await KudosAsync());
        Assert.Equal(["U0BEN", "U0CHEN"], stored.Recipients.Select(r => r.Id));
        Assert.Equal(("U0ANA", "great handoffs all week", KudosCategory.Teamwork), (stored.Giver.Id, stored.Message, stored.Category));
        var calls = _host.Calls();
        // The confirmation is ephemeral to Ana; each colleague gets a DM; the shout-out is in the channel.
        Assert.Contains(calls, c => c.Method == "chat.postEphemeral" && c.Body["user"]!.GetValue<string>() == "U0ANA" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.Equal(["U0BEN", "U0CHEN"], calls.Where(c => c.Method == "conversations.open").Select(c => c.Body["users"]!.GetValue<string>()).Where(u => u != "U0ANA"));
        Assert.Contains(calls, c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0DM" && c.Body.ToJsonString().Contains("recognised you", StringComparison.Ordinal));
        var shout = Assert.Single(calls, c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.Contains("<@U0BEN>", shout.Body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HereAndChannelGetAClearAnswerAndNoKudos()
    {
        var response = await _host.CommandAsync("/kudos", "<!here> thanks everyone");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await _host.IdleAsync();
        // Answered privately once the safety net has read the words, like every other message.
        var answer = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral");
        Assert.Contains("@here, @channel", answer.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await KudosAsync());
    }

    [Fact]
    public async Task SupportInAChannelOpensAPrivateModalAndPostsNothingInTheChannel()
    {
        await _host.CommandAsync("/support", "");
        await _host.IdleAsync();

        var calls = _host.Calls();
        var opened = Assert.Single(calls, c => c.Method == "views.open");
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", opened.Body["trigger_id"]!.GetValue<string>());
        Assert.Equal("support.submit", opened.Body["view"]!["callback_id"]!.GetValue<string>());
        Assert.DoesNotContain(calls, c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.DoesNotContain(calls, c => c.Method == "chat.postEphemeral" && c.Body.ToJsonString().Contains("asked for support", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARetriedEventNeverGivesASecondKudos()
    {
        object Envelope() => new
        {
            token = "t", team_id = "T0TEAM", api_app_id = "A0APP", type = "event_callback", event_id = "Ev0KUDOS1", event_time = 1700000000,
            authorizations = new[] { new { user_id = "U0BOT", is_bot = true } },
            @event = new { type = "message", channel = "D0ANA", channel_type = "im", user = "U0ANA", text = "kudos <@U0BEN> thanks for the night float swap", ts = "1700000000.1", client_msg_id = "m1" },
        };
        Assert.Equal(HttpStatusCode.OK, (await _host.EventAsync(Envelope())).StatusCode);
        await _host.IdleAsync();
        Assert.Equal(HttpStatusCode.OK, (await _host.EventAsync(Envelope(), [("X-Slack-Retry-Num", "1"), ("X-Slack-Retry-Reason", "http_timeout")])).StatusCode);
        await _host.IdleAsync();

        var stored = Assert.Single(await KudosAsync());
        Assert.Equal("thanks for the night float swap", stored.Message);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("redelivered (retry 1, http_timeout)", StringComparison.Ordinal));
        Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0ANA");
    }

    [Fact]
    public async Task AnAppMentionInAChannelIsAMessageWithoutTheBotsOwnMention()
    {
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0MENTION", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "app_mention", channel = "C0WELLNESS", user = "U0ANA", text = "<@U0BOT> help", ts = "1.1" },
        });
        await _host.IdleAsync();
        var help = Assert.Single(_host.Calls(), c => c.Method is "chat.postMessage" or "chat.postEphemeral");
        Assert.Equal("WellnessBot help: kudos, support, resources", help.Body["text"]!.GetValue<string>());
        Assert.Equal("C0WELLNESS", help.Body["channel"]!.GetValue<string>());
    }

    /// <summary>Ana submitting the kudos modal with these colleagues picked and this message.</summary>
    private static JsonObject KudosModalSubmission(string draft, string[] recipients, string message) => new()
    {
        ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = "T0TEAM" }, ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" },
        ["view"] = new JsonObject
        {
            ["id"] = "V0VIEW", ["callback_id"] = "kudos.submit",
            ["private_metadata"] = $"{{\"draft\":\"{draft}\",\"action\":\"kudos.submit\"}}",
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    ["recipients"] = new JsonObject { ["recipients"] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray(recipients.Select(r => (JsonNode)r).ToArray()) } },
                    ["message"] = new JsonObject { ["message"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = message } },
                },
            },
        },
    };

    [Fact]
    public async Task NoColleaguePickedIsSaidUnderThePickerNotUnderTheMessage()
    {
        var payload = KudosModalSubmission("d-2", [], "thanks for the cross-cover");
        var answer = JsonNode.Parse(await (await _host.InteractionAsync(payload)).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        var errors = answer["errors"]!.AsObject();
        Assert.Equal(["recipients"], errors.Select(e => e.Key));
        Assert.Contains("colleague", errors["recipients"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(await KudosAsync());
    }

    [Fact]
    public async Task AKudosWithPatientDetailsKeepsTheModalOpenWithThePartsMarkedAndSavesNothing()
    {
        var payload = KudosModalSubmission("d-3", ["U0BEN"], "thanks for calming mr alvarez in bed 14 last night");
        var answer = JsonNode.Parse(await (await _host.InteractionAsync(payload)).Content.ReadAsStringAsync())!;

        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        var error = answer["errors"]!["message"]!.GetValue<string>();
        Assert.Contains("**mr alvarez**", error, StringComparison.Ordinal);
        Assert.Contains("**bed 14**", error, StringComparison.Ordinal);
        await _host.IdleAsync();
        Assert.Empty(await KudosAsync());
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
    }

    [Fact]
    public async Task AModalSubmissionWithAProblemKeepsTheModalOpenWithTheErrorOnItsField()
    {
        var payload = KudosModalSubmission("d-1", ["U0BEN"], "");
        var response = await _host.InteractionAsync(payload);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(answer["errors"]!["message"]!.GetValue<string>()));
        Assert.Empty(await KudosAsync());

        payload["view"]!["state"]!["values"]!["message"]!["message"]!["value"] = "thanks for the sign-out help";
        var ok = await _host.InteractionAsync(payload);
        Assert.Equal("", await ok.Content.ReadAsStringAsync());
        await _host.IdleAsync();
        var stored = Assert.Single(await KudosAsync());
        Assert.Equal(["U0BEN"], stored.Recipients.Select(r => r.Id));
        Assert.Contains(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0DM" && c.Body.ToJsonString().Contains("Kudos saved", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AButtonClickIsTheCardsSubmission()
    {
        await _host.CommandAsync("/kudos", "<@U0BEN|ben> thanks for teaching me ultrasound");
        await _host.IdleAsync();
        var stored = Assert.Single(await KudosAsync());
        var confirmation = _host.Calls().First(c => c.Method == "chat.postEphemeral" && c.Body.ToJsonString().Contains("Kudos saved", StringComparison.Ordinal));
        var withdraw = confirmation.Body["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray()).Single(e => e!["action_id"]!.GetValue<string>().StartsWith("kudos.withdraw", StringComparison.Ordinal))!;

        await _host.InteractionAsync(JsonNode.Parse($$"""
            { "type": "block_actions", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA", "name": "ana" }, "trigger_id": "t-2",
              "channel": { "id": "C0WELLNESS" }, "response_url": "{{_host.ResponseUrl}}",
              "actions": [ { "action_id": "{{withdraw["action_id"]}}", "block_id": "b", "type": "button", "value": {{System.Text.Json.JsonSerializer.Serialize(withdraw["value"]!.GetValue<string>())}}, "action_ts": "1.2" } ] }
            """)!.AsObject());
        await _host.IdleAsync();
        Assert.Empty(await KudosAsync());
        Assert.NotNull(stored);
    }

    [Fact]
    public async Task OpeningTheAppHomePublishesItsTab()
    {
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0HOME",
            @event = new { type = "app_home_opened", user = "U0ANA", channel = "D0ANA", tab = "home" },
        });
        await _host.IdleAsync();
        var published = Assert.Single(_host.Calls(), c => c.Method == "views.publish");
        Assert.Equal("U0ANA", published.Body["user_id"]!.GetValue<string>());
        var actions = published.Body["view"]!["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Select(e => BlockKitRenderer.DialogActionId(e!["action_id"]!.GetValue<string>()));
        Assert.Equal(["home.kudos", "home.support", "home.resources"], actions);
    }

    [Fact]
    public async Task AppHomesGiveKudosButtonOpensTheKudosForm()
    {
        await _host.InteractionAsync(JsonNode.Parse("""
            { "type": "block_actions", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA", "name": "ana" }, "trigger_id": "t-home",
              "container": { "type": "view", "view_id": "VHOME" }, "actions": [ { "action_id": "home.kudos", "type": "button", "action_ts": "1.3" } ] }
            """)!.AsObject());
        await _host.IdleAsync();
        var opened = Assert.Single(_host.Calls(), c => c.Method == "views.open");
        Assert.Equal(("t-home", "kudos.submit"), (opened.Body["trigger_id"]!.GetValue<string>(), opened.Body["view"]!["callback_id"]!.GetValue<string>()));
    }
}

/// <summary>Slack configuration: absent means 404; half of it stops start-up naming what is missing.</summary>
public sealed class SlackConfigurationTests
{
    [Fact]
    public async Task WithoutSlackSettingsTheEndpointsAnswer404AndTheRestRuns()
    {
        await using var host = new BotFrameworkHost();
        var response = await host.PostAsync("""{"type":"url_verification","challenge":"x"}""", null);
        Assert.NotEqual(HttpStatusCode.NotFound, response.StatusCode); // /api/messages is there
        using var client = new HttpClient();
        await using var app = WellnessBot.Bot.Hosting.WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument,
            $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), "wb-slack-off-" + Guid.NewGuid().ToString("N") + ".db")}"]);
        await app.StartAsync();
        var url = app.Urls.Single();
        foreach (var path in new[] { "/slack/commands", "/slack/events", "/slack/interactions" })
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(url + path, new StringContent("x"))).StatusCode);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("--Slack:BotToken=xoxb-1", "Slack:SigningSecret is required")]
    [InlineData("--Slack:SigningSecret=abc", "Slack:BotToken is required")]
    public async Task HalfASlackConfigurationStopsStartUpNamingTheMissingSetting(string setting, string expected)
    {
        await using var app = WellnessBot.Bot.Hosting.WellnessBotHost.Build(["--urls", "http://127.0.0.1:0", WellnessBot.Testing.TestSupportKey.Argument, setting,
            $"--Storage:ConnectionString=Data Source={Path.Combine(Path.GetTempPath(), "wb-slack-half-" + Guid.NewGuid().ToString("N") + ".db")}"]);
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

public sealed class SlackUnknownPeopleTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        _host.Api("users.info", new { ok = false, error = "user_not_found" }, priority: 1);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AMentionOfSomeoneNotInTheWorkspaceGetsAClearAnswerAndSavesNothing()
    {
        await _host.CommandAsync("/kudos", "<@U0GHOST> thanks for everything");
        await _host.IdleAsync();
        var answer = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral");
        Assert.Contains("couldn't find one person you mentioned", answer.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
        var kudos = await _host.Services.GetRequiredService<KudosStore>().MonthAsync(
            Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")), default);
        Assert.Empty(kudos);
    }
}

/// <summary>Coordinator commands and the monthly digest through Slack.</summary>
public sealed class SlackProgramChannelTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost(("Program:Coordinators:0", "U0ELI"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheDigestGoesToTheSlackProgramChannelAndTheBreakfastCopyToTheCoordinator()
    {
        await _host.CommandAsync("/wellness", "digest channel here", user: "U0ELI", userName: "eli");
        await _host.IdleAsync();
        Assert.Contains(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS"
                                            && c.Body.ToJsonString().Contains("program channel", StringComparison.Ordinal));
        await _host.CommandAsync("/kudos", "<@U0BEN|ben> thanks for the calm code", trigger: "t-k1");
        await _host.IdleAsync();
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var before = _host.Calls().Count;

        var outcome = await _host.Services.GetRequiredService<DigestPublisher>().PublishAsync(month, late: false, default);

        Assert.Equal(DigestOutcome.Posted, outcome);
        var calls = _host.Calls().Skip(before).ToList();
        var post = Assert.Single(calls, c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
        Assert.Contains("calm code", post.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Method == "conversations.open" && c.Body["users"]!.GetValue<string>() == "U0ELI");
    }

    [Fact]
    public async Task ResidentsGetAPoliteRefusalForCoordinatorCommands()
    {
        await _host.CommandAsync("/wellness", "digest post", user: "U0ANA");
        await _host.IdleAsync();
        var refusal = Assert.Single(_host.Calls(), c => c.Method == "chat.postEphemeral" && c.Body["user"]!.GetValue<string>() == "U0ANA");
        Assert.Contains("for wellness program coordinators", refusal.Body["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackHelpShowsEachPersonTheCommandsTheirRoleAllows()
    {
        await _host.Services.GetRequiredService<WellnessBot.Dialogs.Support.PeerRoster>()
            .AddAsync(new WellnessBot.Dialogs.Turns.UserRef("slack", "U0DANA", "Dana"), "", default);

        async Task<string> HelpForAsync(string user)
        {
            var (calls, posts) = (_host.Calls().Count, _host.ResponseUrlPosts().Count);
            await _host.CommandAsync("/wellness", "help", user: user, trigger: "t-help-" + user);
            await _host.IdleAsync();
            var answer = string.Join("\n", _host.Calls().Skip(calls).Select(c => c.Body.ToJsonString())
                .Concat(_host.ResponseUrlPosts().Skip(posts).Select(p => p.ToJsonString())));
            Assert.Contains("what I can do", answer, StringComparison.Ordinal);
            return answer;
        }

        var resident = await HelpForAsync("U0ANA");
        var supporter = await HelpForAsync("U0DANA");
        var coordinator = await HelpForAsync("U0ELI");
        Assert.DoesNotContain("h3", resident, StringComparison.Ordinal);
        Assert.DoesNotContain("digest", resident, StringComparison.Ordinal);
        Assert.Contains("*available* / *away*", supporter, StringComparison.Ordinal);
        Assert.DoesNotContain("h3 roster", supporter, StringComparison.Ordinal);
        Assert.Contains("h3 roster add", coordinator, StringComparison.Ordinal);
        Assert.Contains("digest", coordinator, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SupportStatusInAChannelIsEphemeral()
    {
        await _host.CommandAsync("/support", "status", user: "U0ANA");
        await _host.IdleAsync();
        var calls = _host.Calls();
        Assert.Single(calls, c => c.Method == "chat.postEphemeral" && c.Body["user"]!.GetValue<string>() == "U0ANA");
        Assert.DoesNotContain(calls, c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "C0WELLNESS");
    }
}

public sealed class SlackFormsInMessagesTests : IAsyncLifetime
{
    private SlackHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AFormAskedForInADmComesAsAButtonThatOpensItAsAModal()
    {
        await _host.EventAsync(new
        {
            token = "t", team_id = "T0TEAM", type = "event_callback", event_id = "Ev0FORM", authorizations = new[] { new { user_id = "U0BOT" } },
            @event = new { type = "message", channel = "D0ANA", channel_type = "im", user = "U0ANA", text = "kudos", ts = "1.1" },
        });
        await _host.IdleAsync();
        var message = Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]!.GetValue<string>() == "D0ANA");
        var button = message.Body["blocks"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "actions").SelectMany(b => b!["elements"]!.AsArray())
            .Single(e => e!["action_id"]!.GetValue<string>() == BlockKitRenderer.OpenFormAction)!;

        await _host.InteractionAsync(JsonNode.Parse($$"""
            { "type": "block_actions", "team": { "id": "T0TEAM" }, "user": { "id": "U0ANA" }, "trigger_id": "t-open", "channel": { "id": "D0ANA" },
              "actions": [ { "action_id": "wb.open_form", "type": "button", "value": "{{button["value"]!.GetValue<string>()}}", "action_ts": "1.4" } ] }
            """)!.AsObject());
        await _host.IdleAsync();

        var opened = Assert.Single(_host.Calls(), c => c.Method == "views.open");
        Assert.Equal(("t-open", "kudos.submit"), (opened.Body["trigger_id"]!.GetValue<string>(), opened.Body["view"]!["callback_id"]!.GetValue<string>()));
        Assert.Contains(opened.Body["view"]!["blocks"]!.AsArray(), b => b!["type"]!.GetValue<string>() == "input" && b["element"]!["type"]!.GetValue<string>() == "multi_users_select");
    }
}
