using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Teams;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WellnessBot.Tests.Teams;

/// <summary>The connector client against a WireMock Bot Connector on loopback (auth off: no token).</summary>
public sealed class BotConnectorClientTests : IDisposable
{
    private readonly WireMockServer _connector = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
    private readonly BotConnectorClient _client;

    public BotConnectorClientTests()
    {
        var options = new BotConnectorClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxRetries = 2;
        _client = new BotConnectorClient(new BotTokenProvider(Options.Create(new BotFrameworkOptions())), options);
        _connector.Given(Request.Create().WithPath("/v3/*").UsingAnyMethod()).AtPriority(100)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"id\":\"ok\"}"));
    }

    private string ServiceUrl => _connector.Url!;

    private List<(string Method, string Path, string? Text)> Calls() => _connector.LogEntries
        .Select(e => e.RequestMessage!).OrderBy(r => r.DateTime)
        .Select(r => (r.Method, Uri.UnescapeDataString(r.Path), string.IsNullOrEmpty(r.Body) ? null : JsonNode.Parse(r.Body)?["text"]?.GetValue<string>()))
        .ToList();

    private static JsonObject Text(string text) => new() { ["type"] = "message", ["text"] = text };

    [Fact]
    public async Task UpdateDeleteAndGetMemberUseTheConnectorRoutes()
    {
        _connector.Given(Request.Create().WithPath("/v3/conversations/a:1/members/29:ana").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"id\":\"29:ana\",\"name\":\"Ana Resident\",\"aadObjectId\":\"aad-ana\"}"));
        _connector.Given(Request.Create().WithPath("/v3/conversations/a:1/members/29:gone").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404));

        await _client.UpdateActivityAsync(ServiceUrl, "a:1", "act-7", Text("edited"), default);
        await _client.DeleteActivityAsync(ServiceUrl, "a:1", "act-7", default);
        var member = await _client.GetMemberAsync(ServiceUrl, "a:1", "29:ana", default);
        var gone = await _client.GetMemberAsync(ServiceUrl, "a:1", "29:gone", default);

        Assert.Equal(("Ana Resident", "aad-ana"), (member!.Name, member.AadObjectId));
        Assert.Null(gone);
        var calls = Calls();
        Assert.Equal(("PUT", "/v3/conversations/a:1/activities/act-7", "edited"), calls[0]);
        Assert.Equal(("DELETE", "/v3/conversations/a:1/activities/act-7"), (calls[1].Method, calls[1].Path));
    }

    [Fact]
    public async Task MessagesToOneConversationArriveInOrderEvenWhenTheFirstIsThrottled()
    {
        _connector.Given(Request.Create().WithPath("/v3/conversations/a:1/activities").WithBody(b => b!.Contains("\"first\"")).UsingPost())
            .InScenario("order").WillSetStateTo("retry").AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1"));

        var first = _client.SendToConversationAsync(ServiceUrl, "a:1", Text("first"), default);
        var second = _client.SendToConversationAsync(ServiceUrl, "a:1", Text("second"), default);
        await Task.WhenAll(first, second);

        Assert.Equal(["first", "first", "second"], Calls().Select(c => c.Text));
    }

    [Fact]
    public async Task PersistentServerErrorsStopAfterBoundedRetriesWithATypedError()
    {
        _connector.Given(Request.Create().WithPath("/v3/conversations/a:2/activities").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _client.SendToConversationAsync(ServiceUrl, "a:2", Text("hi"), default));

        Assert.Equal(503, error.Status);
        Assert.Equal(3, Calls().Count); // first try + MaxRetries (2)
    }

    public void Dispose()
    {
        _connector.Stop();
        _connector.Dispose();
    }
}
