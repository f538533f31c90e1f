using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Bot.Slack;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Harness;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Slack;

/// <summary>
/// "Give kudos" from a Slack message's menu and from the shortcut menu, against a WireMock Slack: the modal opens
/// for the message's author with their words quoted, and the kudos it sends is shouted out in that message's
/// thread; patient details keep the modal open (and its place), and an app's message picks nobody.
/// </summary>
public sealed class SlackShortcutTests : IAsyncLifetime
{
    private SlackHost _host = null!;
    private int _triggers;

    public Task InitializeAsync()
    {
        _host = new SlackHost();
        _host.Slack.Given(Request.Create().WithPath("/api/users.info").UsingPost().WithBody(new JsonPartialMatcher(new { user = "U0BEN" }))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(new { ok = true, user = new { id = "U0BEN", name = "ben", profile = new { display_name = "Ben Resident", real_name = "Ben Resident" } } }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OnAColleaguesMessageTheModalOpensForThemAndTheShoutOutGoesToThatMessagesThread()
    {
        var view = await ShortcutAsync(MessageShortcut(new JsonObject { ["user"] = "U0BEN", ["text"] = "covered <@U0ANA|ana>'s pager &amp; the ICU list", ["ts"] = "1700000001.000100" }));
        var text = view.ToJsonString();
        Assert.Contains("Ben Resident", text, StringComparison.Ordinal);
        // The quote: mentions as @names, Slack's escapes undone and escaped again for Block Kit (never a live mention).
        Assert.Contains("“covered @ana's pager &amp; the ICU list”", SentJson.Texts(view), StringComparison.Ordinal);

        var answer = await SubmitAsync(view, "thank you for the calmest night of nights");
        Assert.Equal("", answer); // the modal closes

        var saved = Assert.Single(await MonthAsync());
        Assert.Equal(("U0ANA", "U0BEN"), (saved.Giver.Id, Assert.Single(saved.Recipients).Id));
        var shout = Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]?.GetValue<string>() == "C0WELLNESS").Body;
        Assert.Equal("1700000001.000100", shout["thread_ts"]?.GetValue<string>());
        Assert.Contains("<@U0BEN>", SentJson.Texts(shout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatientDetailsKeepTheModalOpenWithItsPlaceAndNothingIsSaved()
    {
        var view = await ShortcutAsync(MessageShortcut(new JsonObject { ["user"] = "U0BEN", ["text"] = "done with the list", ["ts"] = "1700000002.000100", ["thread_ts"] = "1700000000.000900" }));

        var answer = JsonNode.Parse(await SubmitAsync(view, "thanks for Mrs. Okafor in bed 12, DOB 3/4/1950"))!;

        var again = answer["response_action"]!.GetValue<string>() == "errors" ? view : answer["view"]!.AsObject();
        Assert.Contains(answer["response_action"]!.GetValue<string>(), new[] { "errors", "update" });
        Assert.Contains("patient details", answer.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("\"slack_thread\":\"1700000000.000900\"", again["private_metadata"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await MonthAsync());
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "chat.postMessage" && c.Body["channel"]?.GetValue<string>() == "C0WELLNESS");
    }

    [Fact]
    public async Task TheGlobalShortcutOpensAnEmptyFormAndAnAppsMessagePicksNobody()
    {
        var anywhere = await ShortcutAsync(new JsonObject
        {
            ["type"] = "shortcut", ["callback_id"] = SlackShortcuts.Anywhere, ["trigger_id"] = Trigger(),
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" }, ["team"] = new JsonObject { ["id"] = "T0TEAM" },
        });
        Assert.Contains("Who made a difference?", anywhere.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SlackShortcuts.ChannelKey, anywhere["private_metadata"]!.GetValue<string>(), StringComparison.Ordinal);

        var app = await ShortcutAsync(MessageShortcut(new JsonObject { ["bot_id"] = "B0PAGER", ["subtype"] = "bot_message", ["username"] = "Pager", ["text"] = "page from 5 West", ["ts"] = "1700000003.000100" }));
        Assert.Contains("written by an app", app.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeactivatedColleaguePickedInTheModalIsRefusedWithTheReasonAndNothingIsSaved()
    {
        _host.Slack.Given(Request.Create().WithPath("/api/users.info").UsingPost().WithBody(new JsonPartialMatcher(new { user = "U0GONE" }))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(new { ok = true, user = new { id = "U0GONE", name = "gone", deleted = true, profile = new { display_name = "Former Resident" } } }));
        var view = await ShortcutAsync(new JsonObject
        {
            ["type"] = "shortcut", ["callback_id"] = SlackShortcuts.Anywhere, ["trigger_id"] = Trigger(),
            ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" }, ["team"] = new JsonObject { ["id"] = "T0TEAM" },
        });

        var answer = JsonNode.Parse(await SubmitAsync(view, "thanks for everything this year", picked: "U0GONE"))!;

        Assert.Equal("errors", answer["response_action"]!.GetValue<string>());
        Assert.Contains("deactivated", answer["errors"]![KudosCards.RecipientsInput]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await MonthAsync());
    }

    [Fact]
    public async Task WhenTheTriggerHasExpiredThePersonIsToldToTryAgain()
    {
        _host.Slack.Given(Request.Create().WithPath("/api/views.open").UsingPost()).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(new { ok = false, error = "expired_trigger_id" }));

        Assert.Equal(HttpStatusCode.OK, (await _host.InteractionAsync(MessageShortcut(new JsonObject { ["user"] = "U0BEN", ["text"] = "done", ["ts"] = "1700000004.000100" }))).StatusCode);
        await _host.IdleAsync();

        var told = Assert.Single(_host.Calls(), c => c.Method == "chat.postMessage").Body;
        Assert.Contains("took too long to open", told.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEqual("C0WELLNESS", told["channel"]?.GetValue<string>()); // privately, not in the channel
    }

    [Fact]
    public async Task AShortcutThatIsNotOursRunsNothing()
    {
        var response = await _host.InteractionAsync(new JsonObject { ["type"] = "shortcut", ["callback_id"] = "someone_elses", ["trigger_id"] = Trigger(), ["user"] = new JsonObject { ["id"] = "U0ANA" } });
        await _host.IdleAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(_host.Calls(), c => c.Method == "views.open");
    }

    private JsonObject MessageShortcut(JsonObject message) => new()
    {
        ["type"] = "message_action", ["callback_id"] = SlackShortcuts.OnAMessage, ["trigger_id"] = Trigger(),
        ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" }, ["team"] = new JsonObject { ["id"] = "T0TEAM" },
        ["channel"] = new JsonObject { ["id"] = "C0WELLNESS", ["name"] = "wellness" }, ["message_ts"] = message["ts"]!.GetValue<string>(),
        ["message"] = message, ["response_url"] = _host.ResponseUrl,
    };

    private string Trigger() => "13345224609.7384749" + Interlocked.Increment(ref _triggers);

    /// <summary>The shortcut, and the modal it opened.</summary>
    private async Task<JsonObject> ShortcutAsync(JsonObject payload)
    {
        var before = _host.Calls().Count(c => c.Method == "views.open");
        Assert.Equal(HttpStatusCode.OK, (await _host.InteractionAsync(payload)).StatusCode);
        await _host.IdleAsync();
        var opened = _host.Calls().Where(c => c.Method == "views.open").Skip(before).Single().Body;
        Assert.Equal(payload["trigger_id"]!.GetValue<string>(), opened["trigger_id"]!.GetValue<string>());
        return opened["view"]!.AsObject();
    }

    /// <summary>The modal submitted as Slack sends it: its metadata back, and the message typed.</summary>
    private async Task<string> SubmitAsync(JsonObject view, string message, string? picked = null)
    {
        var values = new JsonObject { [KudosCards.MessageInput] = new JsonObject { [KudosCards.MessageInput] = new JsonObject { ["type"] = "plain_text_input", ["value"] = message } } };
        if (picked is not null)
            values[KudosCards.RecipientsInput] = new JsonObject { [KudosCards.RecipientsInput] = new JsonObject { ["type"] = "multi_users_select", ["selected_users"] = new JsonArray(picked) } };
        var response = await _host.InteractionAsync(new JsonObject
        {
            ["type"] = "view_submission", ["team"] = new JsonObject { ["id"] = "T0TEAM" }, ["user"] = new JsonObject { ["id"] = "U0ANA", ["name"] = "ana" },
            ["view"] = new JsonObject
            {
                ["id"] = "V0VIEW", ["callback_id"] = view["callback_id"]!.GetValue<string>(), ["private_metadata"] = view["private_metadata"]!.GetValue<string>(),
                ["state"] = new JsonObject { ["values"] = values },
            },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.IdleAsync();
        return await response.Content.ReadAsStringAsync();
    }


    private Task<List<KudosRecord>> MonthAsync() => SentJson.KudosThisMonthAsync(_host.Services);
}
