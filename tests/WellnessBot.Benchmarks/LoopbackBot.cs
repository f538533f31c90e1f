using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WellnessBot.Benchmarks;

/// <summary>
/// The real bot (auth off, embedded store in a temp folder) on Kestrel in a process of its own, and a stub Bot
/// Connector on Kestrel in this one that accepts every reply and message, both on free loopback ports: what the
/// load drivers talk to. The bot's memory and CPU are measured apart from the driver's.
/// </summary>
internal sealed class LoopbackBot : IAsyncDisposable
{
    private readonly string _folder;
    private readonly WebApplication _connector;
    private readonly BotChild _bot;
    private int _connectorCalls;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> _replies = new(StringComparer.Ordinal);

    private LoopbackBot(string folder, WebApplication connector, BotChild bot)
    {
        _folder = folder;
        _connector = connector;
        _bot = bot;
    }

    public Uri Endpoint => new(_bot.Url + "/api/messages");
    public BotChild Process => _bot;
    public string ServiceUrl => _connector.Urls.Single() + "/";
    public int ConnectorCalls => _connectorCalls;

    public static async Task<LoopbackBot> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("wellnessbot-load-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var connector = builder.Build();

        var bot = await BotChild.StartAsync(Path.Combine(folder, "load.db"), "--environment", "Development", "--Bot:AllowUnauthenticatedLocalClients=true",
            "--Kudos:MaxPerDay=1000000"); // load givers give hundreds each: the per-person daily limit is not what is measured
        var host = new LoopbackBot(folder, connector, bot);
        connector.MapPost("/v3/conversations/{conversation}/activities/{id}", (string conversation, string id) => host.Accept("reply", conversation + "/" + id));
        connector.MapPost("/v3/conversations/{conversation}/activities", () => host.Accept("sent", null));
        // A new 1:1 chat (a private confirmation to someone who wrote in a channel): one per person, as Teams does.
        connector.MapPost("/v3/conversations", async (HttpRequest request) =>
        {
            using var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            var member = body.RootElement.TryGetProperty("members", out var members) && members.GetArrayLength() > 0 ? members[0].GetProperty("id").GetString() : "someone";
            Interlocked.Increment(ref host._connectorCalls);
            return Results.Json(new { id = "a:1to1-" + member }, statusCode: 201);
        });
        await connector.StartAsync();
        return host;
    }

    /// <summary>Completes when the bot's reply to this activity reaches the stub connector (Teams is answered first).</summary>
    public Task ReplyTo(string conversation, string activityId) =>
        _replies.GetOrAdd(conversation + "/" + activityId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private IResult Accept(string id, string? replyTo)
    {
        Interlocked.Increment(ref _connectorCalls);
        if (replyTo is not null)
            _replies.GetOrAdd(replyTo, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return Results.Json(new { id }, statusCode: 201);
    }

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.StopAsync();
        await _connector.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
