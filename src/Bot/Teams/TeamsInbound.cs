using WellnessBot.Bot.Hosting;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Runs a queued Bot Framework activity (verified and queued by <see cref="BotMessagesEndpoint"/>): remembers how to
/// reach its people, maps it to a <see cref="Turn"/> (<see cref="ActivityMapper"/>) and hands that to
/// <see cref="TurnHandler"/>. Replies go through the Bot Connector.
/// </summary>
internal sealed partial class TeamsInbound(
    IServiceScopeFactory scopes,
    ConversationDirectory directory,
    TeamRoster roster,
    BotConnectorClient connector,
    IProactiveMessenger messenger,
    ILogger<TeamsInbound> logger) : IQueuedRequestRunner
{
    /// <summary>The kind of every queued Teams request: one activity, as received.</summary>
    public const string ActivityKind = "activity";

    public string Channel => Channels.Teams;

    public Task RunAsync(QueuedRequest request, CancellationToken ct)
    {
        var activity = System.Text.Json.JsonSerializer.Deserialize<Activity>(request.Body, BotJson.Options)!;
        return RunAsync(activity, ActivityMapper.ToTurn(activity, request.ReceivedAt), answer: null, ct);
    }

    /// <summary>An invoke, answered in its own request: the same steps, with the dialogs' answers going to <paramref name="answer"/>.</summary>
    public Task RunInvokeAsync(Activity activity, Turn turn, Func<ITurnContext, ITurnContext> answer, CancellationToken ct) =>
        RunAsync(activity, turn, answer, ct);

    /// <summary>Remembers how to reach the people of an invoke that runs no dialog (a message action opening its form).</summary>
    public Task RememberAsync(Activity activity, Turn turn, CancellationToken ct) => RememberPeopleAsync(activity, turn, ct);

    private async Task RunAsync(Activity activity, Turn? turn, Func<ITurnContext, ITurnContext>? answer, CancellationToken ct)
    {
        await RememberPeopleAsync(activity, turn, ct).ConfigureAwait(false);
        if (turn is null || (turn.IsWelcome && !await FirstWelcomeAsync(turn, ct).ConfigureAwait(false))) return;
        await HandleAsync(activity, turn, answer, ct).ConfigureAwait(false);
    }

    private async Task RememberPeopleAsync(Activity activity, Turn? turn, CancellationToken ct)
    {
        try
        {
            await directory.RememberAsync(activity, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex)
        {
            LogStoreFailure(logger, ex.ErrorCode); // the turn still runs; TurnHandler apologises if storage is really down
        }
        // Teams waits on an invoke's answer (a few seconds): the first read of a big team goes on without it.
        await roster.OnActivityAsync(activity, turn, activity.Type == ActivityTypes.Invoke ? RosterWaitForInvoke : null, ct).ConfigureAwait(false);
    }

    private static readonly TimeSpan RosterWaitForInvoke = TimeSpan.FromSeconds(2);

    private async Task HandleAsync(Activity activity, Turn turn, Func<ITurnContext, ITurnContext>? answer, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            ITurnContext context = new TeamsTurnContext(turn, activity, connector, messenger);
            await scope.ServiceProvider.GetRequiredService<TurnHandler>().HandleAsync(answer is null ? context : answer(context), ct).ConfigureAwait(false);
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

}
