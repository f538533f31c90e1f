using System.Buffers;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// POST /api/messages, the Bot Framework endpoint Teams (and Web Chat, the Emulator, the Agents Playground) calls.
/// Verify, map, queue, like the Slack edge: size limit, then the bearer token, then JSON, then the activity-level
/// auth checks; then the turn is queued and Teams answered at once. Bad input gets 400/401/413, never a 500.
/// </summary>
internal static partial class BotMessagesEndpoint
{
    public static async Task HandleAsync(
        HttpContext http,
        BotFrameworkAuthenticator auth,
        ITurnQueue queue,
        TeamsMessageActions messageActions,
        TurnUrgency urgency,
        TimeProvider clock,
        IOptions<BotFrameworkOptions> options,
        IOptions<EdgeSettings> edge,
        IOptions<TeamsSettings> teams,
        IHostEnvironment environment,
        ILogger<TeamsInbound> logger)
    {
        var ct = http.RequestAborted;
        if (Unserved(http, options.Value, edge.Value, environment, logger) is { } status)
        {
            http.Response.StatusCode = status;
            return;
        }
        var limit = options.Value.MaxActivityBytes;
        // Read the body (bounded) so a forged or oversized request never reaches the JSON parser.
        var body = http.Request.ContentLength > limit ? null : await ReadBoundedAsync(http.Request.Body, limit, ct).ConfigureAwait(false);
        if (body is null)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var caller = !options.Value.AuthenticationEnabled ? LocalCaller(http, logger)
            : await auth.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, ct).ConfigureAwait(false);
        if (caller is null)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var activity = Parse(body);
        if (ProblemOf(activity, logger) is { } problem)
        {
            await BadRequestAsync(http, problem, ct).ConfigureAwait(false);
            return;
        }
        if (!auth.AcceptsActivity(caller, activity!.ChannelId, activity.ServiceUrl))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (Forbidden(caller, activity, options.Value, edge.Value, teams.Value, logger))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (activity.Type == ActivityTypes.Invoke && TeamsMessageActions.Serves(activity))
            await AnswerInvokeAsync(http, activity, messageActions, ct).ConfigureAwait(false);
        else
            http.Response.StatusCode = await AcceptAsync(activity!, body, queue, urgency, clock, logger, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Before anything is read: outside Development, a bot with no Bot Framework credentials has no /api/messages
    /// (404); anything but JSON is refused (415), so a web page cannot drive a local bot with a text/plain POST.
    /// </summary>
    public static int? Unserved(HttpContext http, BotFrameworkOptions options, EdgeSettings edge, IHostEnvironment environment, ILogger logger)
    {
        if (!options.AuthenticationEnabled && !environment.IsDevelopment()) return StatusCodes.Status404NotFound;
        if (!options.AuthenticationEnabled && !edge.AllowUnauthenticatedLocalClients)
        {
            BotEdge.Refused(logger, "no MicrosoftAppId, and Bot:AllowUnauthenticatedLocalClients is not set");
            return StatusCodes.Status401Unauthorized;
        }
        if (HttpMethods.IsPost(http.Request.Method) && !BotEdge.IsJson(http.Request))
        {
            BotEdge.Refused(logger, "the content type is not application/json");
            return StatusCodes.Status415UnsupportedMediaType;
        }
        return null;
    }

    /// <summary>GET/HEAD, which local chat clients send before opening a chat: 200 where POST would be served at all.</summary>
    public static IResult Probe(HttpContext http, IOptions<BotFrameworkOptions> options, IOptions<EdgeSettings> edge, IHostEnvironment environment, ILogger<TeamsInbound> logger) =>
        Unserved(http, options.Value, edge.Value, environment, logger) is { } status ? Results.StatusCode(status) : Results.Ok();

    /// <summary>With authentication off (Bot:AllowUnauthenticatedLocalClients): a direct caller on this machine, else nobody.</summary>
    private static BotCaller? LocalCaller(HttpContext http, ILogger logger)
    {
        if (BotEdge.IsDirectLocalCaller(http)) return new BotCaller(true, null, null, false);
        BotEdge.Refused(logger, "authentication is off and the caller is not a direct loopback client");
        return null;
    }

    /// <summary>A channel other than Teams (or the Emulator where allowed), or a tenant not served: 403, nothing queued.</summary>
    private static bool Forbidden(BotCaller caller, Activity activity, BotFrameworkOptions options, EdgeSettings edge, TeamsSettings teams, ILogger logger)
    {
        if (!BotEdge.ServesChannel(caller, activity.ChannelId, edge))
        {
            BotEdge.Refused(logger, "the channel is not served on /api/messages");
            return true;
        }
        if (activity.ChannelId == BotEdge.Teams && (!BotEdge.TenantIsConsistent(activity) || !teams.Allows(options, ActivityMapper.TenantOf(activity))))
        {
            BotEdge.LogForeignTenant(logger);
            return true;
        }
        return false;
    }

    /// <summary>An invoke is answered in the request (Teams waits for the dialog to show): run now, not queued.</summary>
    private static async Task AnswerInvokeAsync(HttpContext http, Activity activity, TeamsMessageActions messageActions, CancellationToken ct)
    {
        var answer = await messageActions.AnswerAsync(activity, ct).ConfigureAwait(false);
        http.Response.StatusCode = answer.Status;
        if (answer.Body is { } json) await http.Response.WriteAsJsonAsync(json, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The answer, after mapping the activity and queueing it. Cards use Action.Submit, which arrives as a message;
    /// the one invoke served is the "Give kudos" message action (above); others (Action.Execute) are not. Every other activity is queued, turn or not:
    /// each tells us how to reach its people (an install, a rename). A crisis goes first.
    /// </summary>
    private static async Task<int> AcceptAsync(Activity activity, byte[] body, ITurnQueue queue, TurnUrgency urgency, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        if (activity.Type == ActivityTypes.Invoke) return StatusCodes.Status400BadRequest; // an invoke we do not serve: refused, never a 5xx
        var now = clock.GetUtcNow();
        var turn = ActivityMapper.ToTurn(activity, now);
        var urgent = turn is not null && urgency.IsUrgent(turn.Submission is { } form ? string.Join(" ", form.Values.Values) : turn.Text, turn.Submission?.ActionId);
        // The channel's own id for the activity makes a redelivery the same request (one without an id is always new).
        var requestId = activity.Conversation!.Id + "|" + (activity.Id ?? Guid.NewGuid().ToString("N"));
        var request = new QueuedRequest(Channels.Teams, TeamsInbound.ActivityKind, Encoding.UTF8.GetString(body), now) { Urgent = urgent };
        if (await queue.TryEnqueueAsync(request, requestId, ct).ConfigureAwait(false) != QueueAnswer.Busy)
            return StatusCodes.Status200OK;
        LogQueueFull(logger);
        return StatusCodes.Status503ServiceUnavailable; // the Bot Connector retries
    }

    /// <summary>Why the body cannot be served (400), or null: not an activity, ids far too long, a serviceUrl that is not https.</summary>
    private static string? ProblemOf(Activity? activity, ILogger logger)
    {
        if (activity is null) return "Not an activity: JSON with a type, a serviceUrl and a conversation is expected.";
        if (ProblemWith(activity) is { } problem) return problem;
        if (Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) && (serviceUrl.Scheme == "https" || serviceUrl.IsLoopback)) return null;
        LogBadServiceUrl(logger);
        return "serviceUrl must be an https URL.";
    }

    /// <summary>Ids become storage keys and channel names metric labels: anything far beyond what Teams sends is refused here.</summary>
    private static string? ProblemWith(Activity activity)
    {
        const int MaxId = 256, MaxChannelId = 64, MaxUrl = 2048;
        if (activity.ChannelId is { Length: > MaxChannelId }) return "channelId is too long.";
        if (activity.ServiceUrl!.Length > MaxUrl) return "serviceUrl is too long.";
        if (activity.Name is { Length: > 128 }) return "name is too long.";
        string?[] ids = [activity.Id, activity.Conversation!.Id, activity.Conversation.TenantId, activity.From?.Id, activity.From?.AadObjectId, activity.Recipient?.Id, activity.ReplyToId];
        return ids.Any(id => id is { Length: > MaxId }) ? "An id is too long." : null;
    }

    private static async Task BadRequestAsync(HttpContext http, string problem, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(problem, ct).ConfigureAwait(false);
    }

    /// <summary>The activity, if the body is one: JSON with a type, a service URL and a conversation.</summary>
    private static Activity? Parse(byte[] body)
    {
        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
            return activity?.Type is null || activity.ServiceUrl is null || activity.Conversation?.Id is null ? null : activity;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, int limit, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await stream.ReadAsync(memory, ct).ConfigureAwait(false);
            if (read == 0) return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > limit) return null;
        }
    }

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "The turn queue is full: an activity was answered 503 for the Bot Connector to retry")]
    private static partial void LogQueueFull(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Rejected an activity whose serviceUrl is not https")]
    private static partial void LogBadServiceUrl(ILogger logger);
}
