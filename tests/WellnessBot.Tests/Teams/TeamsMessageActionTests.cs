using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Harness;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Teams;

/// <summary>
/// "Give kudos" on a Teams message (a message extension action with fetchTask), against the WireMock Bot Connector:
/// the dialog opens with the author picked and their words quoted, and what is sent back is saved, noted and shouted
/// out in the thread; a form that needs another look comes back in the dialog, and nothing is saved or shown.
/// </summary>
public sealed class TeamsMessageActionTests : IAsyncLifetime
{
    private const string Team = "19:program-general@thread.tacv2";
    private const string Thread = "19:program-wellness@thread.tacv2;messageid=1759881511856";
    private const string BenAad = "0a0a0a0a-0000-4000-8000-000000000002";
    private BotFrameworkHost _host = null!;
    private int _ids;

    public Task InitializeAsync()
    {
        _host = new BotFrameworkHost();
        _host.Server.Given(Request.Create().WithPath($"/v3/conversations/{Team}/pagedmembers").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(new { members = new[] { new { id = "29:resident-ben", name = "Ben Resident", aadObjectId = BenAad } } }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OnAColleaguesMessageTheDialogOpensForThemWithTheirWordsQuotedAndSendingItGivesTheKudos()
    {
        var card = await OpenAsync(MessageBy(new { user = new { id = BenAad, displayName = "Ben Resident", userIdentityType = "aadUser" } },
            "<p>Covered the <b>whole</b> ICU list tonight &amp; did all the family calls</p>"));
        var text = SentJson.Texts(card);
        Assert.Contains("Ben Resident", text, StringComparison.Ordinal);
        Assert.Contains("“Covered the whole ICU list tonight & did all the family calls”", text, StringComparison.Ordinal);

        var before = _host.ConnectorCalls().Count;
        var answer = await SubmitAsync(card, "Thank you for carrying the unit so calmly");
        Assert.Equal("{}", answer.ToJsonString()); // the dialog closes

        var saved = Assert.Single(await MonthAsync());
        Assert.Equal(("29:resident-ana", "29:resident-ben"), (saved.Giver.Id, Assert.Single(saved.Recipients).Id));
        var calls = _host.ConnectorCalls().Skip(before).ToList();
        Assert.Contains(calls, c => c.Method == "POST" && c.Path == $"/v3/conversations/{Thread}/activities" && c.Body!.ToJsonString().Contains("Ben Resident", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!["members"]?[0]?["id"]?.GetValue<string>() == "29:resident-ben");
    }

    [Fact]
    public async Task PatientDetailsBringTheFormBackInTheDialogWithNothingSavedOrShown()
    {
        var card = await OpenAsync(MessageBy(new { user = new { id = BenAad, displayName = "Ben Resident" } }, "ICU list done"));
        var before = _host.ConnectorCalls().Count;

        var answer = await SubmitAsync(card, "thanks for handling Mr. Alvarez in bed 14, MRN 40211873");

        Assert.Equal("continue", answer["task"]?["type"]?.GetValue<string>());
        var again = SentJson.Texts(answer["task"]!["value"]!["card"]!["content"]!);
        Assert.Contains("patient details", again, StringComparison.Ordinal);
        Assert.Contains("40211873", again, StringComparison.Ordinal); // the text is kept, to change
        Assert.Empty(await MonthAsync());
        Assert.DoesNotContain(_host.ConnectorCalls().Skip(before), c => c.Method == "POST" && c.Path.Contains(Thread, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FromTheComposeBoxTheFormOpensWithNobodyPickedAndAnAppsMessageIsNotForKudos()
    {
        var compose = await OpenAsync(new { commandId = "giveKudos", commandContext = "compose", context = new { theme = "default" } });
        Assert.Contains("Who made a difference?", SentJson.Texts(compose), StringComparison.Ordinal);

        var app = await OpenAsync(MessageBy(new { application = new { id = "28:other-app", displayName = "Pager Bot" } }, "Page from 5 West"));
        Assert.Contains("written by an app", SentJson.Texts(app), StringComparison.Ordinal);
        Assert.DoesNotContain("For **", SentJson.Texts(app), StringComparison.Ordinal); // nobody picked
    }

    [Fact]
    public async Task AnActionThatIsNotOursOrIsMalformedGetsAClearAnswerAndNever500()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Invoke("composeExtension/fetchTask", new { commandId = "somethingElse" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(Invoke("composeExtension/fetchTask", "not an object"))).StatusCode);
        var stale = await PostAsync(Invoke("composeExtension/submitAction", new { commandId = "giveKudos", data = new { action = "support.open" } }));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("message", JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["task"]!["type"]!.GetValue<string>());
        var odd = await PostAsync(Invoke("composeExtension/fetchTask", new { commandId = "giveKudos", messagePayload = new { from = new { user = new { id = 42 } }, body = new { content = new[] { 1 } } } }));
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
        Assert.Empty(await MonthAsync());
    }

    [Fact]
    public async Task AKudosLeftWaitingInTheChannelIsNeitherGivenToTheMessagesAuthorNorLost()
    {
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "kudos <at>Carol Fellow</at>", ("29:fellow-carol", "Carol Fellow")));
        await _host.IdleAsync();

        var card = await OpenAsync(MessageBy(new { user = new { id = BenAad, displayName = "Ben Resident" } }, "ICU list done"));
        Assert.Equal("{}", (await SubmitAsync(card, "Thank you for carrying the unit")).ToJsonString());
        Assert.Equal("29:resident-ben", Assert.Single(Assert.Single(await MonthAsync()).Recipients).Id);

        var next = System.Text.Json.JsonSerializer.SerializeToNode(TeamsActivities.ChannelMention(_host.ServiceUrl, "for the sign-out at 6"))!.AsObject();
        next["id"] = "1759944781999";
        await PostAsync(next);
        await _host.IdleAsync();
        var carols = Assert.Single(await MonthAsync(), k => k.Message.Contains("sign-out", StringComparison.Ordinal));
        Assert.Equal("29:fellow-carol", Assert.Single(carols.Recipients).Id);
    }

    [Fact]
    public async Task ACardCannotPassItselfOffAsAReaction()
    {
        await PostAsync(TeamsActivities.From(TeamsActivities.Personal(_host.ServiceUrl, "hello", id: "2001"), "29:resident-ben", "Ben Resident", "a:personal-ben"));
        await _host.IdleAsync(); // Ben is known: only the action's origin stands between the card and a kudos
        // An Action.Submit, as any card's button (or a hand-made request) sends it, naming the edge's own action.
        var node = System.Text.Json.JsonSerializer.SerializeToNode(TeamsActivities.Personal(_host.ServiceUrl, "", id: "2002"))!.AsObject();
        node["value"] = new JsonObject
        {
            ["action"] = KudosDialog.ReactedAction, [KudosDialog.AuthorValue] = "29:resident-ben", [KudosDialog.MessageValue] = "C1/1.1/clap",
            [FormSubmission.QuotedKey] = "covered my pager all night",
        };
        await PostAsync(node);
        await _host.IdleAsync();

        Assert.Empty(await MonthAsync());
    }

    [Fact]
    public async Task GivingKudosFromAChatWithAColleagueKeepsTheBotsOwnChatForPrivateReplies()
    {
        await PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "hello"));
        await _host.IdleAsync();
        var inChat = System.Text.Json.JsonSerializer.SerializeToNode(Invoke("composeExtension/fetchTask",
            MessageBy(new { user = new { id = BenAad, displayName = "Ben Resident" } }, "thanks!")))!.AsObject();
        inChat["conversation"] = new JsonObject { ["id"] = "a:chat-ana-ben", ["conversationType"] = "personal", ["tenantId"] = TeamsActivities.Tenant };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(inChat)).StatusCode);

        var (pk, rk) = StorageKeys.UserAddress("msteams", "29:resident-ana");
        var ana = await _host.Services.GetRequiredService<WellnessBot.Storage.ITableStore>().GetTableClient(StorageKeys.ConversationsTable).GetEntityAsync(pk, rk);
        Assert.Equal("a:personal-ana", ana?.GetString("PersonalConversationId"));
    }

    /// <summary>From a 1:1 chat with Ben (which the bot is not in): nothing private, not even crisis help, is posted there.</summary>
    [Theory]
    [InlineData("Thank you for carrying the unit")]
    [InlineData("thanks for checking on me, i was ready to kill myself that night")]
    public async Task NothingIsPostedInAChatWithAColleagueTheBotIsNotIn(string message)
    {
        await PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "hello"));
        await _host.IdleAsync();
        var card = await OpenAsync(MessageBy(new { user = new { id = BenAad, displayName = "Ben Resident" } }, "ICU list done"));
        var data = card["actions"]![0]!["data"]!.DeepClone().AsObject();
        data[KudosCards.MessageInput] = message;
        var submit = System.Text.Json.JsonSerializer.SerializeToNode(Invoke("composeExtension/submitAction", new { commandId = "giveKudos", commandContext = "message", data }))!.AsObject();
        submit["conversation"] = new JsonObject { ["id"] = "a:chat-ana-ben", ["conversationType"] = "personal", ["tenantId"] = TeamsActivities.Tenant };
        var before = _host.ConnectorCalls().Count;

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(submit)).StatusCode);
        await _host.IdleAsync();

        var calls = _host.ConnectorCalls().Skip(before).Where(c => c.Method == "POST").ToList();
        Assert.DoesNotContain(calls, c => c.Path.Contains("a:chat-ana-ben", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Path == "/v3/conversations/a:personal-ana/activities"); // what Ana is told, in her own chat with the bot
    }

    [Fact]
    public async Task TheFirstActionInATeamAnswersWithoutWaitingForAWholeSlowRoster()
    {
        _host.Server.Given(Request.Create().WithPath($"/v3/conversations/{Team}/pagedmembers").UsingGet()).AtPriority(-10)
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(20)).WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBodyAsJson(new { members = Array.Empty<object>() }));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var compose = await OpenAsync(new { commandId = "giveKudos", commandContext = "compose", context = new { theme = "default" } });

        Assert.Contains("Who made a difference?", SentJson.Texts(compose), StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered after {clock.Elapsed}"); // the roster read alone takes 20 s
    }

    private static object MessageBy(object from, string html) => new
    {
        commandId = "giveKudos", commandContext = "message",
        messagePayload = new { id = "1759881511856", messageType = "message", from, body = new { contentType = "html", content = html } },
    };

    /// <summary>fetchTask: the dialog's Adaptive Card.</summary>
    private async Task<JsonObject> OpenAsync(object value)
    {
        var response = await PostAsync(Invoke("composeExtension/fetchTask", value));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!;
        Assert.Equal("continue", task["type"]!.GetValue<string>());
        Assert.Equal(WellnessBot.Bot.Cards.AdaptiveCardRenderer.ContentType, task["value"]!["card"]!["contentType"]!.GetValue<string>());
        return task["value"]!["card"]!["content"]!.AsObject();
    }

    /// <summary>submitAction, as Teams sends it: the submit button's data with the inputs' values.</summary>
    private async Task<JsonObject> SubmitAsync(JsonObject card, string message)
    {
        var data = card["actions"]![0]!["data"]!.DeepClone().AsObject();
        data[KudosCards.MessageInput] = message;
        var response = await PostAsync(Invoke("composeExtension/submitAction", new { commandId = "giveKudos", commandContext = "message", data }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.IdleAsync();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }


    private object Invoke(string name, object value) => new
    {
        type = "invoke", name, id = "f:" + Interlocked.Increment(ref _ids), channelId = "msteams", serviceUrl = _host.ServiceUrl,
        from = new { id = "29:resident-ana", name = "Ana Resident", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000001" },
        recipient = new { id = TeamsActivities.BotId, name = "WellnessBot" },
        conversation = new { id = Thread, isGroup = true, conversationType = "channel", tenantId = TeamsActivities.Tenant },
        channelData = new
        {
            channel = new { id = "19:program-wellness@thread.tacv2" }, team = new { id = Team }, tenant = new { id = TeamsActivities.Tenant },
            source = new { name = "message" },
        },
        value,
    };

    private Task<HttpResponseMessage> PostAsync(object activity) => _host.PostAsync(activity, _host.ChannelToken());

    private Task<List<KudosRecord>> MonthAsync() => SentJson.KudosThisMonthAsync(_host.Services);
}
