using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using WellnessBot.Bot.Slack;
using WellnessBot.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WellnessBot.Tests.Slack;

/// <summary>The Web API client against a WireMock Slack on loopback: auth, payloads, 429 then success, ok:false.</summary>
public sealed class SlackWebApiTests : IDisposable
{
    private readonly WireMockServer _slack = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
    private readonly List<TimeSpan> _waits = [];
    private readonly SlackWebApi _api;
    private readonly HttpClient _http = new();

    public SlackWebApiTests()
    {
        var options = new SlackOptions { BotToken = "xoxb-fake", SigningSecret = "s", ApiBaseUrl = new Uri(_slack.Url + "/api/") };
        _api = new SlackWebApi(_http, options, NullLogger<SlackWebApi>.Instance)
        {
            Delay = (wait, _) => { _waits.Add(wait); return Task.CompletedTask; },
        };
    }

    public void Dispose()
    {
        _slack.Stop();
        _slack.Dispose();
        _http.Dispose();
    }

    private static IResponseBuilder Ok(object body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(body);

    [Fact]
    public async Task PostMessageSendsTheTokenChannelTextAndBlocks()
    {
        _slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).RespondWith(Ok(new { ok = true, ts = "1700000000.000100", channel = "C1" }));

        var ts = await _api.PostMessageAsync("C1", new SlackMessage("hello", new JsonArray(new JsonObject { ["type"] = "section" })));

        Assert.Equal("1700000000.000100", ts);
        var call = Assert.Single(_slack.LogEntries).RequestMessage!;
        Assert.Equal("Bearer xoxb-fake", call.Headers!["Authorization"].Single());
        var body = JsonNode.Parse(call.Body!)!;
        Assert.Equal(("C1", "hello", "section"), (body["channel"]!.GetValue<string>(), body["text"]!.GetValue<string>(), body["blocks"]![0]!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A429IsRetriedAfterSlacksRetryAfter()
    {
        _slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("rate").WillSetStateTo("limited")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7"));
        _slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("rate").WhenStateIs("limited")
            .RespondWith(Ok(new { ok = true, ts = "2.0" }));

        Assert.Equal("2.0", await _api.PostMessageAsync("C1", new SlackMessage("hi")));
        Assert.Equal([TimeSpan.FromSeconds(7)], _waits);
        Assert.Equal(2, _slack.LogEntries.Count());
    }

    [Fact]
    public async Task RetriesAreBounded()
    {
        _slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));
        var error = await Assert.ThrowsAsync<SlackApiException>(() => _api.PostMessageAsync("C1", new SlackMessage("hi")));
        Assert.Equal("http_503", error.Error);
        Assert.Equal(4, _slack.LogEntries.Count()); // the first try and three retries
    }

    [Fact]
    public async Task OkFalseIsATypedErrorWithSlacksCodeAndAHint()
    {
        _slack.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).RespondWith(Ok(new { ok = false, error = "not_in_channel" }));
        var error = await Assert.ThrowsAsync<SlackApiException>(() => _api.PostMessageAsync("C1", new SlackMessage("hi")));
        Assert.Equal(("chat.postMessage", "not_in_channel"), (error.Method, error.Error));
        Assert.Contains("/invite", error.Message, StringComparison.Ordinal);
        Assert.Single(_slack.LogEntries); // an ok:false answer is final
    }

    [Fact]
    public async Task OpeningADmReturnsItsChannel()
    {
        _slack.Given(Request.Create().WithPath("/api/conversations.open").UsingPost()).RespondWith(Ok(new { ok = true, channel = new { id = "D024BE91L" } }));
        Assert.Equal("D024BE91L", await _api.OpenDmAsync("U0G9QF9C6"));
        Assert.Equal("U0G9QF9C6", JsonNode.Parse(_slack.LogEntries.Single().RequestMessage!.Body!)!["users"]!.GetValue<string>());
    }

    [Fact]
    public async Task UserNamesPreferTheDisplayName()
    {
        _slack.Given(Request.Create().WithPath("/api/users.info").UsingPost())
            .RespondWith(Ok(new { ok = true, user = new { id = "U1", name = "ana.r", profile = new { display_name = "", real_name = "Ana Resident" } } }));
        Assert.Equal("Ana Resident", await _api.UserNameAsync("U1"));
    }

    [Fact]
    public async Task ANameAndADmAreAskedOnceThenKeptButAFailureIsNot()
    {
        _slack.Given(Request.Create().WithPath("/api/users.info").UsingPost()).InScenario("names").WillSetStateTo("up")
            .RespondWith(Ok(new { ok = false, error = "ratelimited_but_not_429" }));
        _slack.Given(Request.Create().WithPath("/api/users.info").UsingPost()).InScenario("names").WhenStateIs("up")
            .RespondWith(Ok(new { ok = true, user = new { id = "U1", name = "ana.r", profile = new { display_name = "Ana" } } }));
        _slack.Given(Request.Create().WithPath("/api/conversations.open").UsingPost()).RespondWith(Ok(new { ok = true, channel = new { id = "D1" } }));

        await Assert.ThrowsAsync<SlackApiException>(() => _api.UserNameAsync("U1"));
        Assert.Equal("Ana", await _api.UserNameAsync("U1")); // the failure was not kept
        Assert.Equal("Ana", await _api.UserNameAsync("U1"));
        Assert.Equal("D1", await _api.OpenDmAsync("U1"));
        Assert.Equal("D1", await _api.OpenDmAsync("U1"));
        Assert.Equal(2, _slack.LogEntries.Count(e => e.RequestMessage!.Path == "/api/users.info"));
        Assert.Equal(1, _slack.LogEntries.Count(e => e.RequestMessage!.Path == "/api/conversations.open"));

        _api.ForgetDm("U1"); // a post to it failed: it is opened afresh
        Assert.Equal("D1", await _api.OpenDmAsync("U1"));
        Assert.Equal(2, _slack.LogEntries.Count(e => e.RequestMessage!.Path == "/api/conversations.open"));
    }

    [Fact]
    public async Task ViewsAndUpdatesCarryTheirIdentifiers()
    {
        foreach (var method in new[] { "views.open", "views.update", "views.publish", "chat.update", "chat.postEphemeral" })
            _slack.Given(Request.Create().WithPath("/api/" + method).UsingPost()).RespondWith(Ok(new { ok = true, view = new { id = "V1" } }));
        var view = new JsonObject { ["type"] = "modal" };

        Assert.Equal("V1", await _api.OpenViewAsync("trigger-1", view));
        await _api.UpdateViewAsync("V1", new JsonObject { ["type"] = "modal" });
        await _api.PublishHomeAsync("U1", new JsonObject { ["type"] = "home" });
        await _api.UpdateAsync("C1", "1.0", new SlackMessage("edited"));
        await _api.PostEphemeralAsync("C1", "U1", new SlackMessage("only you"));

        var bodies = _slack.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => JsonNode.Parse(e.RequestMessage!.Body!)!).ToList();
        Assert.Equal("trigger-1", bodies[0]["trigger_id"]!.GetValue<string>());
        Assert.Equal("V1", bodies[1]["view_id"]!.GetValue<string>());
        Assert.Equal("U1", bodies[2]["user_id"]!.GetValue<string>());
        Assert.Equal(("C1", "1.0"), (bodies[3]["channel"]!.GetValue<string>(), bodies[3]["ts"]!.GetValue<string>()));
        Assert.Equal(("C1", "U1"), (bodies[4]["channel"]!.GetValue<string>(), bodies[4]["user"]!.GetValue<string>()));
    }
}
