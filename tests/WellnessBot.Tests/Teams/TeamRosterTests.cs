using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Tests.Harness;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Teams;

/// <summary>
/// The team roster, against the WireMock Bot Connector: read (paged) when the bot is added to a team and on the first
/// channel turn after a start, kept current by membersAdded / membersRemoved, so colleagues who never opened the bot
/// are told of their kudos in a 1:1 the bot creates.
/// </summary>
public sealed class TeamRosterTests : IAsyncLifetime
{
    private const string Team = "19:program-general@thread.tacv2";
    private BotFrameworkHost _host = null!;
    private int _ids;

    public Task InitializeAsync()
    {
        _host = new BotFrameworkHost();
        // Two pages: Ben on the first, Dana on the second (with Teams' aadObjectId, and the Playground's objectId).
        _host.Server.Given(Request.Create().WithPath($"/v3/conversations/{Team}/pagedmembers").WithParam("continuationToken", "page-2").UsingGet()).AtPriority(1)
            .RespondWith(Json(new { members = new[] { new { id = "29:supporter-dana", name = "Dana Supporter", objectId = "0a0a0a0a-0000-4000-8000-00000000000d" } } }));
        _host.Server.Given(Request.Create().WithPath($"/v3/conversations/{Team}/pagedmembers").UsingGet()).AtPriority(2)
            .RespondWith(Json(new
            {
                members = new[] { new { id = "29:resident-ben", name = "Ben Resident", aadObjectId = "0a0a0a0a-0000-4000-8000-000000000002" } },
                continuationToken = "page-2",
            }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AddedToATeamTheBotReadsEveryPageAndAChannelKudosReachesAColleagueWhoNeverWroteToIt()
    {
        await PostAsync(BotAddedToTeam());
        Assert.Equal(2, RosterReads());

        var before = _host.ConnectorCalls().Count;
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "kudos <at>Dana Supporter</at> thanks for the debrief", ("29:supporter-dana", "Dana Supporter")));

        var calls = _host.ConnectorCalls().Skip(before).ToList();
        var created = Assert.Single(calls, c => c.Method == "POST" && c.Path == "/v3/conversations" && c.Body!["members"]?[0]?["id"]?.GetValue<string>() == "29:supporter-dana");
        Assert.Equal(TeamsActivities.Tenant, created.Body!["tenantId"]!.GetValue<string>());
        Assert.Contains(calls, c => c.Path == "/v3/conversations/activity-1/activities" && c.Body!.ToJsonString().Contains("recognised you", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, c => c.Body?.ToJsonString().Contains("couldn't send", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TheFirstChannelTurnAfterAStartReadsTheRosterOnceAndPickedPeopleResolveThroughIt()
    {
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "help"));
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "help"));
        Assert.Equal(2, RosterReads()); // both pages, once

        var people = _host.Services.GetRequiredService<IPeopleDirectory>();
        var turn = new Turn { From = new UserRef("msteams", "29:resident-ana", "Ana"), Conversation = new ConversationRef("msteams", "a:x", ConversationKind.Direct), ReceivedAt = DateTimeOffset.UtcNow };
        var picked = await people.FindAsync(turn, "0a0a0a0a-0000-4000-8000-00000000000d", default);
        Assert.Equal(("29:supporter-dana", "Dana Supporter"), (picked?.Id, picked?.Name));
    }

    [Fact]
    public async Task MembersAddedAndRemovedKeepTheRosterCurrent()
    {
        await PostAsync(BotAddedToTeam());
        await PostAsync(MembersChanged(added: ("29:fellow-chen", "Chen Fellow"), removed: "29:resident-ben"));

        var messenger = _host.Services.GetRequiredService<IProactiveMessenger>();
        Assert.NotNull(await messenger.SendToUserAsync(new UserRef("msteams", "29:fellow-chen", "Chen Fellow"), WellnessBot.Dialogs.Messages.BotMessage.Say("hello")));
        Assert.Null(await messenger.SendToUserAsync(new UserRef("msteams", "29:resident-ben", "Ben Resident"), WellnessBot.Dialogs.Messages.BotMessage.Say("hello")));
    }

    [Fact]
    public async Task ARosterThatCannotBeReadNeverFailsTheTurn()
    {
        _host.Server.Given(Request.Create().WithPath($"/v3/conversations/{Team}/pagedmembers").UsingGet()).AtPriority(0)
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("{}"));

        var before = _host.ConnectorCalls().Count;
        await PostAsync(TeamsActivities.ChannelMention(_host.ServiceUrl, "help"));

        Assert.Contains(_host.ConnectorCalls().Skip(before), c => c.Method == "POST" && c.Body!.ToJsonString().Contains("kudos", StringComparison.OrdinalIgnoreCase)); // help answered
        Assert.Contains(_host.Logs.Lines, l => l.Contains("Team roster could not be read", StringComparison.Ordinal));
    }

    private int RosterReads() => _host.ConnectorCalls().Count(c => c.Method == "GET" && c.Path == $"/v3/conversations/{Team}/pagedmembers");

    private JsonObject BotAddedToTeam() => Shaped(new
    {
        type = "conversationUpdate", channelId = "msteams", serviceUrl = _host.ServiceUrl,
        membersAdded = new[] { new { id = TeamsActivities.BotId } },
        from = new { id = "29:coordinator-eli" }, recipient = new { id = TeamsActivities.BotId, name = "WellnessBot" },
        conversation = new { isGroup = true, conversationType = "channel", tenantId = TeamsActivities.Tenant, id = Team },
        channelData = new { eventType = "teamMemberAdded", team = new { id = Team, name = "Program" }, tenant = new { id = TeamsActivities.Tenant } },
    });

    private JsonObject MembersChanged((string Id, string Name) added, string removed) => Shaped(new
    {
        type = "conversationUpdate", channelId = "msteams", serviceUrl = _host.ServiceUrl,
        membersAdded = new[] { new { id = added.Id, name = added.Name } }, membersRemoved = new[] { new { id = removed } },
        from = new { id = "29:coordinator-eli" }, recipient = new { id = TeamsActivities.BotId, name = "WellnessBot" },
        conversation = new { isGroup = true, conversationType = "channel", tenantId = TeamsActivities.Tenant, id = Team },
        channelData = new { eventType = "teamMemberAdded", team = new { id = Team }, tenant = new { id = TeamsActivities.Tenant } },
    });

    private static JsonObject Shaped(object activity) => JsonSerializer.SerializeToNode(activity)!.AsObject();

    private async Task PostAsync(object activity)
    {
        var node = activity as JsonObject ?? Shaped(activity);
        node["id"] = "r-" + Interlocked.Increment(ref _ids);
        Assert.Equal(HttpStatusCode.OK, (await _host.PostAsync(node, _host.ChannelToken())).StatusCode);
    }

    private static IResponseBuilder Json(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(body);
}
