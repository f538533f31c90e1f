using WellnessBot.Dialogs;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Kudos;
using WellnessBot.Tests.Harness;
using WellnessBot.Tests.Teams;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Safety;

/// <summary>The safety net through the Teams edge: real Kestrel-hosted bot, signed activities, a stand-in Bot Connector.</summary>
public sealed class TeamsSafetyTests : IAsyncLifetime
{
    private const string Channel = "19:program-wellness@thread.tacv2";
    private BotFrameworkHost _host = null!;

    public Task InitializeAsync()
    {
        _host = new BotFrameworkHost();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static JsonObject Json(object activity) => JsonNode.Parse(JsonSerializer.Serialize(activity))!.AsObject();

    [Fact]
    public async Task CrisisWordsInAChannelGetHelpInThePersonalChatAndNothingInTheChannel()
    {
        var response = await _host.PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "honestly im done, i have a plan for tonight and the pills are ready"), _host.ChannelToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = _host.ConnectorCalls();
        Assert.DoesNotContain(calls, c => c.Path.Contains(Channel, StringComparison.Ordinal) && c.Path.Contains("/activities", StringComparison.Ordinal));
        var create = Assert.Single(calls, c => c.Path == "/v3/conversations");
        Assert.Equal("29:resident-ana", create.Body!["members"]![0]!["id"]!.GetValue<string>());
        var help = Assert.Single(calls, c => c.Path == "/v3/conversations/activity-1/activities").Body!.ToJsonString();
        Assert.Contains("988", help, StringComparison.Ordinal);
        Assert.Contains("Ask Helping Healers Heal to reach out to me now", help, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("pills", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhenThePersonalChatCannotBeCreatedNeutralResourcesGoToTheChannel()
    {
        _host.Server.Given(Request.Create().WithPath("/v3/conversations").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("{\"error\":{\"code\":\"Forbidden\",\"message\":\"The bot is not installed for the user\"}}"));

        var response = await _host.PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "i wrote goodbye notes last night"), _host.ChannelToken());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inChannel = Assert.Single(_host.ConnectorCalls(), c => c.Path.StartsWith("/v3/conversations/" + Channel, StringComparison.Ordinal));
        var text = inChannel.Body!["text"]!.GetValue<string>();
        Assert.Contains("**988**", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", text, StringComparison.Ordinal);
        Assert.DoesNotContain("goodbye", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("neutral crisis resources posted in the conversation", StringComparison.Ordinal));
        Assert.DoesNotContain(_host.Logs.Lines, l => l.Contains("goodbye notes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWaitingKudosPromptIsPutAsideByACrisisMessageInTheTeamsChat()
    {
        await _host.PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "kudos me", "k-1"), _host.ChannelToken());
        var before = _host.ConnectorCalls().Count;

        await _host.PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "I want to be dead", "k-2"), _host.ChannelToken());

        var replies = _host.ConnectorCalls().Skip(before).Where(c => c.Path.StartsWith("/v3/conversations/a:personal-ana/activities", StringComparison.Ordinal)).ToList();
        Assert.Contains("988", replies[0].Body!.ToJsonString(), StringComparison.Ordinal); // the crisis help comes first
        Assert.Contains(replies, r => r.Body!.ToJsonString().Contains("Your kudos is on hold", StringComparison.Ordinal));
        var store = _host.Services.GetRequiredService<KudosStore>();
        var month = Month.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Empty(await store.MonthAsync(month, default));
    }

    [Fact]
    public async Task TheCrisisCardsButtonFilesAnUrgentRequestFromTeams()
    {
        await _host.PostAsync(TeamsActivities.Personal(_host.ServiceUrl, "i keep thinking about driving into the median", "c-1"), _host.ChannelToken());
        var card = _host.ConnectorCalls().Last(c => c.Path.StartsWith("/v3/conversations/a:personal-ana/activities", StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var data = card["actions"]![0]!["data"]!.AsObject();
        Assert.Equal("support.reach-out", data["action"]!.GetValue<string>());

        var press = Json(TeamsActivities.Personal(_host.ServiceUrl, "", "c-2"));
        press.Remove("text");
        press["value"] = JsonNode.Parse(data.ToJsonString());
        var before = _host.ConnectorCalls().Count;
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(press, _host.ChannelToken())).StatusCode);

        var confirmation = _host.ConnectorCalls().Skip(before).Single(c => c.Path.StartsWith("/v3/conversations/a:personal-ana/activities", StringComparison.Ordinal));
        Assert.Contains("on its way", confirmation.Body!.ToJsonString(), StringComparison.Ordinal);
        var request = Assert.Single(await _host.Services.GetRequiredService<WellnessBot.Dialogs.Support.SupportRequests>().AllAsync(default));
        Assert.True(request.Urgent);
        Assert.Equal(WellnessBot.Dialogs.Support.SupportTier.Expedited, request.Tier);
    }
}
