using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Tests.Harness;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace WellnessBot.Tests.Teams;

/// <summary>Real Teams payload shapes in; the right activities out to a WireMock Bot Connector on loopback.</summary>
public sealed class TeamsActivityTests : BotFrameworkHostTests
{
    private Task<HttpResponseMessage> SendAsync(object activity) => Host.PostAsync(activity, Host.ChannelToken());

    private static string? CardKindTitle(JsonNode? activity) =>
        activity?["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.GetValue<string>();

    [Fact]
    public async Task HelpInAPersonalChatIsAnsweredWithTheHelpCardAsAReply()
    {
        var response = await SendAsync(TeamsActivities.Personal(Host.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (method, path, body, authorization) = Assert.Single(Host.ConnectorCalls());
        Assert.Equal("POST", method);
        Assert.Equal("/v3/conversations/a:personal-ana/activities/1001", path);
        Assert.Equal("message", body?["type"]?.GetValue<string>());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body?["attachments"]?[0]?["contentType"]?.GetValue<string>());
        Assert.Equal("1.5", body?["attachments"]?[0]?["content"]?["version"]?.GetValue<string>());
        Assert.Equal("Here's what I can do", CardKindTitle(body));
        Assert.Equal("Bearer bot-token-1", authorization);
    }

    [Fact]
    public async Task TheBotsOwnMentionIsStrippedInAChannelAndTheReplyStaysInTheThread()
    {
        await SendAsync(TeamsActivities.ChannelMention(Host.ServiceUrl, "help"));

        var (_, path, body, _) = Assert.Single(Host.ConnectorCalls(), c => c.Method == "POST"); // besides the team roster's read
        Assert.Equal("/v3/conversations/19:program-wellness@thread.tacv2;messageid=1759881511856/activities/1759944781430", path);
        Assert.Equal("Here's what I can do", CardKindTitle(body));
    }

    [Fact]
    public async Task APrivateAnswerToAChannelMessageGoesToA1To1ChatAndNothingToTheChannel()
    {
        await SendAsync(TeamsActivities.ChannelMention(Host.ServiceUrl, "I need to talk to someone"));

        var calls = Host.ConnectorCalls().Where(c => c.Method == "POST").ToList(); // besides the team roster's read
        Assert.Equal(2, calls.Count);
        var create = calls[0];
        Assert.Equal(("POST", "/v3/conversations"), (create.Method, create.Path));
        Assert.Equal("29:resident-ana", create.Body?["members"]?[0]?["id"]?.GetValue<string>());
        Assert.Equal(TeamsActivities.Tenant, create.Body?["channelData"]?["tenant"]?["id"]?.GetValue<string>());
        Assert.Equal("/v3/conversations/activity-1/activities", calls[1].Path); // the new 1:1 chat's id
        var form = calls[1].Body!.ToJsonString(); // the support form, in the new 1:1 chat
        Assert.Contains("Helping Healers Heal", form, StringComparison.Ordinal);
        Assert.Contains("988", form, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.Path.Contains("19:program-wellness", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InstallingTheBotWelcomesOnceEvenWhenTheClientRepeatsTheEvent()
    {
        await SendAsync(TeamsActivities.BotInstalledPersonal(Host.ServiceUrl));
        await SendAsync(TeamsActivities.BotInstalledPersonal(Host.ServiceUrl));

        var (_, path, body, _) = Assert.Single(Host.ConnectorCalls());
        Assert.Equal("/v3/conversations/a:personal-ana/activities", path);
        Assert.Equal("Hi, I'm WellnessBot 👋", CardKindTitle(body));
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfterAndTheReplyArrivesOnce()
    {
        Host.Server.Given(Request.Create().WithPath("/v3/conversations/a:personal-ana/activities/1001").UsingPost())
            .InScenario("throttled").WillSetStateTo("recovered").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));
        Host.Server.Given(Request.Create().WithPath("/v3/conversations/a:personal-ana/activities/1001").UsingPost())
            .InScenario("throttled").WhenStateIs("recovered").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("{\"id\":\"reply-1\"}"));

        var started = DateTime.UtcNow;
        var response = await SendAsync(TeamsActivities.Personal(Host.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = Host.ConnectorCalls();
        Assert.Equal(2, calls.Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9), "Retry-After: 1 was not honoured");
        Assert.Equal(1, Host.Credential.Calls); // one token, cached, for both attempts
    }

    [Theory]
    [InlineData("adaptiveCard/action")]     // Action.Execute: our cards use Action.Submit, which arrives as a message
    [InlineData("composeExtension/query")]
    [InlineData("task/fetch")]
    public async Task InvokesNotServedAreRefusedAndRunNoTurn(string name)
    {
        var response = await SendAsync(TeamsActivities.Invoke(Host.ServiceUrl, "Action.Execute", new { action = "help.open" }, name: name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task OtherActivityTypesAreAcknowledgedQuietly()
    {
        var typing = new { type = "typing", id = "t1", channelId = "msteams", serviceUrl = Host.ServiceUrl,
            from = new { id = "29:resident-ana" }, recipient = new { id = TeamsActivities.BotId }, conversation = new { id = "a:personal-ana" } };
        var install = new { type = "installationUpdate", action = "add", id = "i1", channelId = "msteams", serviceUrl = Host.ServiceUrl,
            from = new { id = "29:resident-ana" }, recipient = new { id = TeamsActivities.BotId }, conversation = new { id = "a:personal-ana", conversationType = "personal" } };

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(typing)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(install)).StatusCode);
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task AReplyTheConnectorRefusesIsAcknowledgedNotAServerError()
    {
        Host.Server.Given(Request.Create().WithPath("/v3/conversations/a:personal-ana/activities/1001").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(403).WithBody("{\"errorCode\":209,\"message\":\"{\\\"subCode\\\": \\\"MessageWritesBlocked\\\"}\"}"));

        var response = await SendAsync(TeamsActivities.Personal(Host.ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Host.ConnectorCalls()); // refused for good: not retried
    }

    [Fact]
    public async Task MalformedOrOversizedRequestsGet4xxNever500()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.PostAsync("{\"type\":", Host.ChannelToken())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.PostAsync(new { type = "message", text = "no service url" }, Host.ChannelToken())).StatusCode);
        var huge = TeamsActivities.Personal(Host.ServiceUrl, new string('x', 300_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Host.PostAsync(huge, Host.ChannelToken())).StatusCode);
        Assert.Empty(Host.ConnectorCalls());
    }

    [Fact]
    public async Task ABadRequestSaysWhatIsWrongWithIt()
    {
        var notJson = await Host.PostAsync("{\"type\":", Host.ChannelToken());
        Assert.Contains("Not an activity", await notJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var longId = JsonSerializer.SerializeToNode(TeamsActivities.Personal(Host.ServiceUrl, "help"))!;
        longId["conversation"]!["id"] = new string('a', 10_000);
        var refused = await Host.PostAsync(longId.ToJsonString(), Host.ChannelToken());
        Assert.Equal((HttpStatusCode.BadRequest, "An id is too long."), (refused.StatusCode, await refused.Content.ReadAsStringAsync()));
        Assert.Empty(Host.ConnectorCalls());
    }
}
