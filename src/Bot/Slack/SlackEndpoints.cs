using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Slack's three request URLs (routes: <see cref="Hosting.WellnessBotEndpoints"/>). Verify, map, queue, like the
/// Teams edge: each request's signature is checked before anything in it is read; then the turn is queued and Slack
/// answered at once (within its 3 seconds). Only a modal's submission runs before the answer, which carries its
/// errors. With no Slack settings the endpoints answer 404.
/// </summary>
internal static partial class SlackEndpoints
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Slack's ids are short (U024BE7LH, a trigger id of some 50 characters); they become storage keys.</summary>
    private const int MaxIdLength = 255;
    private const string IdsTooLong = "An id is longer than Slack's ids are.";

    private static bool IsId(string name) => name is "id" or "user" or "channel" || name.EndsWith("_id", StringComparison.Ordinal);

    /// <summary>Whether any id in the payload (a property named id, user, channel or …_id holding text) is far too long.</summary>
    private static bool HasLongId(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => IsId(p.Key) && p.Value.Str() is { Length: > MaxIdLength } || HasLongId(p.Value)),
        JsonArray array => array.Any(HasLongId),
        _ => false,
    };

    private static IResult Problem(string problem) => Results.Text(problem, "text/plain", statusCode: StatusCodes.Status400BadRequest);

    public static async Task<IResult> CommandsAsync(HttpContext http, SlackOptions options, ITurnQueue queue, TurnUrgency urgency, TimeProvider clock, ILoggerFactory logs)
    {
        if (await VerifiedBodyAsync(http, options, clock, logs) is not { } body) return Refused(http);
        var text = Encoding.UTF8.GetString(body);
        var form = Form(text);
        if (form.ContainsKey("ssl_check")) return Results.Ok();
        if (!options.Serves(SlackWorkspaces.OfCommand(form))) return SlackWorkspaces.Forbidden(http, logs);
        if (form.Any(f => IsId(f.Key) && f.Value.Length > MaxIdLength)) return Problem(IdsTooLong);
        var urgent = urgency.IsUrgent(form.GetValueOrDefault("text"), actionId: null);
        var command = new QueuedRequest(Channels.Slack, SlackInbound.CommandKind, text, clock.GetUtcNow()) { Urgent = urgent };
        if (await queue.TryEnqueueAsync(command, "cmd:" + (form.GetValueOrDefault("trigger_id") ?? Guid.NewGuid().ToString("N")), http.RequestAborted) == QueueAnswer.Busy)
            return Results.Json(new { response_type = "ephemeral", text = "I'm very busy right now. Please try again in a minute." });
        return Results.Ok(); // an empty 200: Slack shows nothing, the answer follows
    }

    public static async Task<IResult> EventsAsync(HttpContext http, SlackOptions options, SlackInbound inbound, SlackWebApi api, ITurnQueue queue, TurnUrgency urgency, TimeProvider clock, ILoggerFactory logs)
    {
        if (await VerifiedBodyAsync(http, options, clock, logs) is not { } body) return Refused(http);
        var json = Encoding.UTF8.GetString(body);
        if (Json(json) is not { } envelope) return Problem("Not an event: a JSON object is expected.");
        if (HasLongId(envelope)) return Problem(IdsTooLong);
        if (envelope.At("type").Str() == "event_callback" && !options.Serves(SlackWorkspaces.OfEvent(envelope))) return SlackWorkspaces.Forbidden(http, logs);
        if (SlackWorkspaces.UserTeamOfEvent(envelope) is { } userTeam && !options.Serves(userTeam))
            return SlackWorkspaces.TellForeignUser(http, api, envelope.At("event", "channel").Str(), envelope.At("event", "user").Str(), logs);
        switch (envelope.At("type").Str())
        {
            case "url_verification":
                return Results.Json(new { challenge = envelope.At("challenge").Str() });
            case "event_callback":
                var eventId = envelope.At("event_id").Str();
                if (eventId is null) return Results.Ok();
                bool first;
                try
                {
                    first = await inbound.FirstDeliveryAsync(eventId, http.RequestAborted);
                }
                catch (WellnessBot.Storage.TableStoreException)
                {
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable); // not kept: Slack delivers it again
                }
                if (!first)
                {
                    // Slack redelivers when an answer was slow or lost (X-Slack-Retry-Num / -Reason); it was handled once.
                    LogRetry(logs.CreateLogger("WellnessBot.Bot.Slack"), http.Request.Headers["X-Slack-Retry-Num"].ToString(), http.Request.Headers["X-Slack-Retry-Reason"].ToString());
                    return Results.Ok();
                }
                var urgent = urgency.IsUrgent(envelope.At("event", "text").Str(), actionId: null);
                var queued = new QueuedRequest(Channels.Slack, SlackInbound.EventKind, json, clock.GetUtcNow()) { Urgent = urgent };
                // No room (or no store): not 200, so Slack delivers the event again (and its dedupe row must not stop that).
                if (await queue.TryEnqueueAsync(queued, "event:" + eventId, http.RequestAborted) != QueueAnswer.Busy) return Results.Ok();
                try
                {
                    await inbound.ForgetDeliveryAsync(eventId, http.RequestAborted);
                }
                catch (WellnessBot.Storage.TableStoreException)
                {
                    // The store is down too: Slack's redelivery will meet the dedupe row; the event is lost, as Slack would lose it.
                }
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            default:
                return Results.Ok();
        }
    }

    public static async Task<IResult> InteractionsAsync(HttpContext http, SlackOptions options, SlackInbound inbound, SlackWebApi api, ITurnQueue queue, TurnUrgency urgency, TimeProvider clock, ILoggerFactory logs)
    {
        if (await VerifiedBodyAsync(http, options, clock, logs) is not { } body) return Refused(http);
        if (Form(Encoding.UTF8.GetString(body)).GetValueOrDefault("payload") is not { } text || Json(text) is not { } payload)
            return Problem("Not an interaction: a payload field holding a JSON object is expected.");
        if (HasLongId(payload)) return Problem(IdsTooLong);
        if (!options.Serves(SlackWorkspaces.OfInteraction(payload))) return SlackWorkspaces.Forbidden(http, logs);
        if (SlackWorkspaces.UserTeamOfInteraction(payload) is { } userTeam && !options.Serves(userTeam))
            return SlackWorkspaces.TellForeignUser(http, api, payload.At("channel", "id").Str(), payload.At("user", "id").Str(), logs);
        switch (payload.At("type").Str())
        {
            case "block_actions":
                var button = payload.First("actions").At("action_id").Str();
                var click = new QueuedRequest(Channels.Slack, SlackInbound.BlockActionsKind, text, clock.GetUtcNow()) { Urgent = urgency.IsUrgent(null, button) };
                var clickId = "click:" + (payload.At("trigger_id").Str() ?? Guid.NewGuid().ToString("N"));
                return await queue.TryEnqueueAsync(click, clickId, http.RequestAborted) == QueueAnswer.Busy ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
            case "message_action" or "shortcut" when SlackShortcuts.Serves(payload):
                // Queued like a click; the modal must open within Slack's 3-second trigger, which a queued turn meets.
                var shortcut = new QueuedRequest(Channels.Slack, SlackInbound.ShortcutKind, text, clock.GetUtcNow());
                var shortcutId = "shortcut:" + (payload.At("trigger_id").Str() ?? Guid.NewGuid().ToString("N"));
                return await queue.TryEnqueueAsync(shortcut, shortcutId, http.RequestAborted) == QueueAnswer.Busy ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok();
            case "view_submission":
                // Answered in time or not at all: a slow store must not leave the modal spinning.
                using (var limit = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted))
                {
                    limit.CancelAfter(TimeSpan.FromSeconds(2.5));
                    try
                    {
                        var answer = await inbound.RunViewSubmissionAsync(payload, limit.Token);
                        return answer is null ? Results.Ok() : Results.Content(answer.ToJsonString(), "application/json");
                    }
                    catch (OperationCanceledException) when (limit.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
                    {
                        return Results.Content(TooSlow.ToJsonString(), "application/json");
                    }
                }
            default:
                return Results.Ok(); // view_closed and anything new: nothing to do
        }
    }

    /// <summary>
    /// The answer when a modal's turn could not finish in Slack's time: a small modal pushed on top, so the form and
    /// everything typed in it stay underneath, ready to submit again.
    /// </summary>
    private static JsonObject TooSlow => new()
    {
        ["response_action"] = "push",
        ["view"] = Cards.BlockKitRenderer.Notice(new Card("slack-too-slow")
        {
            Title = "One moment",
            Body = [new TextBlock("Sorry, that took longer than it should. Press **Back** and submit again; what you wrote is still there.")],
        }, close: "Back"),
    };

    private static IResult Refused(HttpContext http) =>
        http.Response.StatusCode == StatusCodes.Status413PayloadTooLarge ? Results.StatusCode(413)
        : http.Response.StatusCode == StatusCodes.Status404NotFound ? Results.NotFound()
        : Results.Unauthorized();

    /// <summary>The raw body, only if Slack signed it (and it is not too large); null otherwise, with the status to answer set.</summary>
    private static async Task<byte[]?> VerifiedBodyAsync(HttpContext http, SlackOptions options, TimeProvider clock, ILoggerFactory logs)
    {
        if (!options.Enabled)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return null;
            }
        }
        var body = buffer.ToArray();
        var result = SlackSignature.Verify(options.SigningSecret!, http.Request.Headers[SlackSignature.TimestampHeader], http.Request.Headers[SlackSignature.SignatureHeader], body, clock.GetUtcNow());
        if (result == SlackSignatureResult.Valid) return body;
        LogRefused(logs.CreateLogger("WellnessBot.Bot.Slack"), http.Request.Path, result.ToString());
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return null;
    }

    /// <summary>A form-encoded body as its fields.</summary>
    public static Dictionary<string, string> Form(string body) =>
        QueryHelpers.ParseQuery("?" + body).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    /// <summary>A JSON object, or null for anything else.</summary>
    public static JsonObject? Json(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 7402, Level = LogLevel.Information, Message = "Slack event redelivered (retry {Retry}, {Reason}) and skipped: it was handled already")]
    private static partial void LogRetry(ILogger logger, string retry, string reason);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Slack request to {Path} refused: signature {Result} (body not read)")]
    private static partial void LogRefused(ILogger logger, string path, string result);
}
