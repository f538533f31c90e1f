using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WellnessBot.Bot.Slack;
using WellnessBot.Testing;
using WellnessBot.Tests.Harness;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace WellnessBot.Tests.Slack;

/// <summary>
/// The bot with Slack configured, its Web API pointed at a WireMock Slack on loopback. Requests are signed the way
/// Slack signs them; <see cref="IdleAsync"/> waits for the turns that run after Slack has been answered.
/// </summary>
public sealed class SlackHost : IAsyncDisposable
{
    public const string SigningSecret = "test-signing-secret-8f742231b10e";
    private readonly string _folder = Directory.CreateTempSubdirectory("wellnessbot-slack-").FullName;
    private readonly WebApplicationFactory<Program> _factory;

    public SlackHost(params (string Key, string Value)[] settings) : this(null, settings)
    {
    }

    /// <summary>A host whose services a test replaces (after the bot's own registrations).</summary>
    public SlackHost(Action<IServiceCollection>? replace, params (string Key, string Value)[] settings)
    {
        Slack = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"] });
        Api("auth.test", new { ok = true, user_id = "U0BOT", bot_id = "B0BOT" });
        Api("users.info", new { ok = true, user = new { id = "U0X", name = "someone", profile = new { display_name = "Someone", real_name = "Some One" } } });
        Api("conversations.open", new { ok = true, channel = new { id = "D0DM" } });
        Api("chat.postMessage", new { ok = true, ts = "1700000000.000100" });
        Api("chat.postEphemeral", new { ok = true, message_ts = "1700000000.000200" });
        Api("chat.update", new { ok = true });
        Api("views.open", new { ok = true, view = new { id = "V0VIEW" } });
        Api("views.publish", new { ok = true });
        Slack.Given(Request.Create().WithPath("/response/*").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
            builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(_folder, "bot.db")}");
            builder.UseSetting("Slack:SigningSecret", SigningSecret);
            builder.UseSetting("Slack:BotToken", "xoxb-test");
            builder.UseSetting("Slack:ApiBaseUrl", Slack.Url + "/api/");
            builder.UseSetting("Slack:ResponseUrlBase", Slack.Url + "/response/"); // the stand-in for hooks.slack.com
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
            if (replace is not null) builder.ConfigureTestServices(replace);
        });
    }

    public WireMockServer Slack { get; }
    public CapturedLogs Logs { get; } = new();
    public IServiceProvider Services => _factory.Services;
    public string ResponseUrl => Slack.Url + "/response/T0/1/abc";

    public void Api(string method, object answer, int priority = 100) =>
        Slack.Given(Request.Create().WithPath("/api/" + method).UsingPost()).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBodyAsJson(answer));

    /// <summary>A signed POST, as Slack sends it.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType, DateTimeOffset? at = null, string? signature = null,
        IEnumerable<(string, string)>? headers = null)
    {
        using var client = _factory.CreateClient();
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add(SlackSignature.TimestampHeader, timestamp);
        request.Headers.Add(SlackSignature.SignatureHeader, signature ?? SlackSignature.Compute(SigningSecret, timestamp, Encoding.UTF8.GetBytes(body)));
        foreach (var (name, value) in headers ?? []) request.Headers.Add(name, value);
        return await client.SendAsync(request);
    }

    public Task<HttpResponseMessage> CommandAsync(string command, string text, string channelId = "C0WELLNESS", string channelName = "wellness",
        string user = "U0ANA", string userName = "ana", string trigger = "13345224609.738474920.8088930838d88f008e0") =>
        PostAsync("/slack/commands", Form(("token", "legacy"), ("team_id", "T0TEAM"), ("team_domain", "residency"), ("channel_id", channelId),
            ("channel_name", channelName), ("user_id", user), ("user_name", userName), ("command", command), ("text", text),
            ("api_app_id", "A0APP"), ("response_url", ResponseUrl), ("trigger_id", trigger)), "application/x-www-form-urlencoded");

    public Task<HttpResponseMessage> EventAsync(object envelope, IEnumerable<(string, string)>? headers = null) =>
        PostAsync("/slack/events", System.Text.Json.JsonSerializer.Serialize(envelope), "application/json", headers: headers);

    public Task<HttpResponseMessage> InteractionAsync(JsonObject payload) =>
        PostAsync("/slack/interactions", Form(("payload", payload.ToJsonString())), "application/x-www-form-urlencoded");

    public static string Form(params (string Key, string Value)[] fields) =>
        string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    public Task IdleAsync() => Services.GetRequiredService<WellnessBot.Bot.Hosting.ITurnQueue>().IdleAsync().WaitAsync(TimeSpan.FromSeconds(20));

    /// <summary>The Web API calls the bot made, in order: method and JSON body.</summary>
    public List<(string Method, JsonObject Body)> Calls() =>
        Slack.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal))
            .OrderBy(r => r.DateTime)
            .Select(r => (r.Path["/api/".Length..], JsonNode.Parse(string.IsNullOrEmpty(r.Body) ? "{}" : r.Body)!.AsObject())).ToList();

    public List<JsonObject> ResponseUrlPosts() =>
        Slack.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path.StartsWith("/response/", StringComparison.Ordinal))
            .OrderBy(r => r.DateTime).Select(r => JsonNode.Parse(r.Body!)!.AsObject()).ToList();

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Slack.Stop();
        Slack.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
