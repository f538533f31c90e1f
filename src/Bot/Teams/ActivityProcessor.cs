using System.Text.Json.Nodes;
using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Teams;

/// <summary>What /api/messages answers: a status and, for invokes, the body Teams requires.</summary>
internal sealed record BotResponse(int Status, JsonObject? Body = null)
{
    public static BotResponse Ok { get; } = new(200);
}

/// <summary>
/// One authenticated activity: mapped to a <see cref="Turn"/> (<see cref="ActivityMapper"/>), handed to the turn
/// queue, and answered at once, so a slow store or a throttled connector never meets Teams' 15-second limit.
/// The turn (remembering how to reach its people, then <see cref="TurnHandler"/>) runs from the queue.
/// </summary>
internal partial class ActivityProcessor(
    IServiceScopeFactory scopes,
    ConversationDirectory directory,
    BotConnectorClient connector,
    IProactiveMessenger messenger,
    ITurnQueue queue,
    TimeProvider clock,
    ILogger<ActivityProcessor> logger)
{
    /// <summary>Answers the activity, after queueing its turn (if it has one).</summary>
    public BotResponse Accept(Activity activity)
    {
        // Cards use Action.Submit, which arrives as a message; no invoke (Action.Execute, message extensions) is served yet.
        if (activity.Type == ActivityTypes.Invoke) return new BotResponse(StatusCodes.Status501NotImplemented);
        var turn = ActivityMapper.ToTurn(activity, clock.GetUtcNow());
        // Every activity still tells us how to reach its people (an install, a rename), turn or not.
        if (!queue.TryEnqueue(Channels.Teams, ct => RunAsync(activity, turn, ct)))
        {
            LogQueueFull(logger);
            return new BotResponse(StatusCodes.Status503ServiceUnavailable); // the Bot Connector retries
        }
        return BotResponse.Ok;
    }

    private async Task RunAsync(Activity activity, Turn? turn, CancellationToken ct)
    {
        try
        {
            await directory.RememberAsync(activity, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex)
        {
            LogStoreFailure(logger, ex.ErrorCode); // the turn still runs; TurnHandler apologises if storage is really down
        }
        if (turn is null || (turn.IsWelcome && !await FirstWelcomeAsync(turn, ct).ConfigureAwait(false))) return;

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var context = new TeamsTurnContext(turn, activity, connector, messenger);
            await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(context, ct).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            // The channel would not take our reply (blocked, gone, or down after retries). Retrying the whole
            // turn would not help and could repeat side effects, so say why in the log and let it go.
            LogReplyFailed(logger, ex.Status, ex.SubCode ?? "none");
            WellnessBot.Dialogs.BotMetrics.Error("connector");
        }
    }

    /// <summary>A welcome is said once per conversation, however often Teams repeats the install.</summary>
    private async Task<bool> FirstWelcomeAsync(Turn turn, CancellationToken ct)
    {
        try
        {
            return await directory.FirstWelcomeAsync(turn.Conversation, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex)
        {
            LogStoreFailure(logger, ex.ErrorCode);
            return false;
        }
    }

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "A reply could not be delivered to the Bot Connector ({Status}, {SubCode})")]
    private static partial void LogReplyFailed(ILogger logger, int status, string subCode);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not store conversation references ({ErrorCode})")]
    private static partial void LogStoreFailure(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "The turn queue is full: an activity was answered 503 for the Bot Connector to retry")]
    private static partial void LogQueueFull(ILogger logger);
}
