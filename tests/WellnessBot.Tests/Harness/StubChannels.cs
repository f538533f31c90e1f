using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WellnessBot.Tests.Harness;

/// <summary>
/// Stand-ins on loopback for what a bot process talks to: the Bot Connector (Teams) at <see cref="ServiceUrl"/> and
/// Slack's Web API at <see cref="SlackApiUrl"/>. Every message either one is asked to deliver is recorded, with the
/// conversation it went to and when it arrived. A Slack DM with user U0X is conversation D0X.
/// </summary>
public sealed class StubChannels : IAsyncDisposable
{
    /// <param name="ReplyTo">The activity this answered, when it was sent as a reply.</param>
    public sealed record Delivery(string Conversation, string? ReplyTo, JsonNode Body, DateTime At)
    {
        public string Text => Body.ToJsonString();

        /// <summary>The data of the card's submit button with this action id (Teams: attachments[0].content.actions).</summary>
        public JsonObject? ActionData(string action) =>
            (Body["attachments"]?[0]?["content"]?["actions"] as JsonArray ?? [])
                .Select(a => a?["data"] as JsonObject).FirstOrDefault(d => d?["action"]?.GetValue<string>() == action);
    }

    private readonly List<Delivery> _deliveries = [];
    private WebApplication? _app;

    public string ServiceUrl => _app!.Urls.Single() + "/";
    public string SlackApiUrl => _app!.Urls.Single() + "/api/";
    public string ResponseUrl(string path) => _app!.Urls.Single() + "/response/" + path;

    public static async Task<StubChannels> StartAsync()
    {
        var stub = new StubChannels();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            // A new 1:1, or a new thread in a channel: that one carries its first message.
            var body = await JsonNode.ParseAsync(request.Body) ?? new JsonObject();
            if (body["channelData"]?["channel"]?["id"]?.GetValue<string>() is { } channel && body["activity"] is JsonObject first)
            {
                stub.Record(channel, first.DeepClone());
                return Results.Json(new { id = channel + ";messageid=" + Guid.NewGuid().ToString("N")[..8], activityId = "thread" }, statusCode: 201);
            }
            return Results.Json(new { id = "a:new-1to1" }, statusCode: 201);
        });
        app.MapPost("/v3/conversations/{conversation}/activities/{id}", async (string conversation, string id, HttpRequest request) =>
            await stub.RecordAsync(conversation, request, Results.Json(new { id = "reply" }, statusCode: 201), id));
        app.MapPost("/v3/conversations/{conversation}/activities", async (string conversation, HttpRequest request) =>
            await stub.RecordAsync(conversation, request, Results.Json(new { id = "sent" }, statusCode: 201)));
        app.MapPost("/api/{method}", async (string method, HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body) ?? new JsonObject();
            if (method is "chat.postMessage" or "chat.postEphemeral" && body["channel"]?.GetValue<string>() is { } channel) stub.Record(channel, body);
            return method switch
            {
                "conversations.open" => Results.Json(new { ok = true, channel = new { id = "D0" + body["users"]!.GetValue<string>()[2..] } }),
                "users.info" => Results.Json(new { ok = true, user = new { id = "U0X", name = "ben", profile = new { display_name = "Ben Resident", real_name = "Ben Resident" } } }),
                _ => Results.Json(new { ok = true, ts = "1700000000.000100", message_ts = "1700000000.000200" }),
            };
        });
        app.MapPost("/response/{*rest}", async (string rest, HttpRequest request) => await stub.RecordAsync("response:" + rest, request, Results.Text("ok")));
        await app.StartAsync();
        stub._app = app;
        return stub;
    }

    /// <summary>Everything delivered so far to conversations accepted by <paramref name="to"/>.</summary>
    public List<Delivery> To(Func<string, bool> to)
    {
        lock (_deliveries) return [.. _deliveries.Where(d => to(d.Conversation))];
    }

    public List<Delivery> To(string conversation) => To(c => c == conversation);

    /// <summary>
    /// The kudos notes delivered to these conversations, by the number the load tests write in each kudos
    /// ("thanks for the night shift #12 ok"), with when each arrived.
    /// </summary>
    public List<(int Kudos, DateTime At)> NumberedKudosNotes(params string[] conversations) =>
        [.. To(c => conversations.Contains(c))
            .Select(d => (Match: System.Text.RegularExpressions.Regex.Match(d.Body["text"]?.GetValue<string>() ?? "", "recognised you.*#([0-9]+) ok"), d.At))
            .Where(x => x.Match.Success)
            .Select(x => (int.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), x.At))];

    private async Task<IResult> RecordAsync(string conversation, HttpRequest request, IResult answer, string? replyTo = null)
    {
        Record(conversation, await JsonNode.ParseAsync(request.Body) ?? new JsonObject(), replyTo);
        return answer;
    }

    private void Record(string conversation, JsonNode body, string? replyTo = null)
    {
        replyTo ??= body["replyToId"]?.GetValue<string>();
        lock (_deliveries) _deliveries.Add(new Delivery(Uri.UnescapeDataString(conversation), replyTo is null ? null : Uri.UnescapeDataString(replyTo), body, DateTime.UtcNow));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
