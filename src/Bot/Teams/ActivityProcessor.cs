using System.Text.Json.Nodes;
using WellnessBot.Bot.Cards;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Teams;

/// <summary>What /api/messages answers: 200 with an optional JSON body (invoke responses carry their own status).</summary>
public sealed record BotResponse(int Status, JsonObject? Body = null)
{
    public static BotResponse Ok { get; } = new(200);
}

/// <summary>
/// Runs one authenticated activity: remembers how to reach its people, maps it to a <see cref="Turn"/>, and
/// hands it to the channel-agnostic <see cref="TurnHandler"/>. Invokes get the response shape Teams requires.
/// </summary>
public sealed partial class ActivityProcessor(
    IServiceScopeFactory scopes,
    ConversationDirectory directory,
    BotConnectorClient connector,
    IProactiveMessenger messenger,
    ILogger<ActivityProcessor> logger)
{
    public async Task<BotResponse> ProcessAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Type == ActivityTypes.Invoke && activity.Name != ActivityTypes.AdaptiveCardInvokeName)
            return new BotResponse(501);
        if (activity.Type == ActivityTypes.Invoke && !IsExecuteAction(activity))
            return InvokeError(400, "NotSupported", "Only Action.Execute is supported.");

        try
        {
            await directory.RememberAsync(activity, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex)
        {
            LogStoreFailure(logger, ex.ErrorCode); // the turn still runs; TurnHandler apologises if storage is really down
        }

        var turn = ActivityMapper.ToTurn(activity);
        if (turn is null)
            return activity.Type == ActivityTypes.Invoke ? InvokeError(400, "BadRequest", "The card action had no data.") : BotResponse.Ok;

        if (turn.IsWelcome)
        {
            try
            {
                if (!await directory.FirstWelcomeAsync(turn.Conversation, ct).ConfigureAwait(false)) return BotResponse.Ok;
            }
            catch (TableStoreException ex)
            {
                LogStoreFailure(logger, ex.ErrorCode);
                return BotResponse.Ok;
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = new TeamsTurnContext(turn, activity, connector, messenger);
        try
        {
            await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(context, ct).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            // The channel would not take our reply (blocked, gone, or down after retries). Retrying the whole
            // turn would not help and could repeat side effects, so acknowledge it and say why in the log.
            LogReplyFailed(logger, ex.Status, ex.SubCode ?? "none");
            WellnessBot.Dialogs.BotMetrics.Error("connector");
            return activity.Type == ActivityTypes.Invoke ? InvokeError(502, "ReplyFailed", "The reply could not be delivered.") : BotResponse.Ok;
        }

        if (activity.Type != ActivityTypes.Invoke) return BotResponse.Ok;
        return new BotResponse(200, context.RefreshedCard is { } card
            ? new JsonObject { ["statusCode"] = 200, ["type"] = AdaptiveCardRenderer.ContentType, ["value"] = card }
            : new JsonObject { ["statusCode"] = 200, ["type"] = "application/vnd.microsoft.activity.message", ["value"] = "Thanks, got it." });
    }

    private static bool IsExecuteAction(Activity activity) =>
        activity.Value is { ValueKind: System.Text.Json.JsonValueKind.Object } value
        && value.TryGetProperty("action", out var action)
        && action.TryGetProperty("type", out var type)
        && type.GetString() == "Action.Execute";

    private static BotResponse InvokeError(int status, string code, string message) => new(status, new JsonObject
    {
        ["statusCode"] = status,
        ["type"] = "application/vnd.microsoft.error",
        ["value"] = new JsonObject { ["code"] = code, ["message"] = message },
    });

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "A reply could not be delivered to the Bot Connector ({Status}, {SubCode})")]
    private static partial void LogReplyFailed(ILogger logger, int status, string subCode);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not store conversation references ({ErrorCode})")]
    private static partial void LogStoreFailure(ILogger logger, string errorCode);
}
