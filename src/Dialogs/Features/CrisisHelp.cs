using Microsoft.Extensions.Logging;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Safety;
using WellnessBot.Dialogs.Support;
using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Features;

/// <summary>
/// Crisis wording anywhere: real help at once, privately, before anything else the turn does. When the private
/// reply cannot be delivered (the Teams 1:1 cannot be created, the Slack DM is refused) the same numbers go to the
/// conversation where the person wrote, with no name and nothing of their words: the reply always arrives.
/// An open support request of theirs becomes urgent. Logs and metrics say what happened, never what was written.
/// </summary>
public sealed partial class CrisisHelp(RequesterActions support, ILogger<CrisisHelp> logger) : ICrisisResponse
{
    public async Task RespondAsync(ITurnContext context, CancellationToken ct)
    {
        var help = SafetyReplies.Crisis(SupportDialog.ReachOutNowAction, CardData.NewDraftId());
        bool delivered;
        try
        {
            delivered = await context.ReplyPrivatelyAsync(help, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPrivateFailed(logger, ex.GetType().Name);
            delivered = false;
        }

        if (delivered)
        {
            LogSentPrivately(logger);
            BotMetrics.CrisisReply("private");
        }
        else
        {
            await PostNeutralResourcesAsync(context, ct).ConfigureAwait(false);
        }

        try
        {
            await support.MarkUrgentAsync(context.Turn.From, ct).ConfigureAwait(false);
        }
        catch (TableStoreException ex) when (ex is not TableValidationException)
        {
            LogUrgentFailed(logger, ex.ErrorCode); // the help went out; the timer sweep still escalates the request in time
        }
    }

    private async Task PostNeutralResourcesAsync(ITurnContext context, CancellationToken ct)
    {
        try
        {
            await context.ReplyAsync(SafetyReplies.NeutralResources(), ct).ConfigureAwait(false);
            LogFallback(logger);
            BotMetrics.CrisisReply("fallback");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUndelivered(logger, ex.GetType().Name);
            BotMetrics.CrisisReply("undelivered");
        }
    }

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Safety net: crisis help sent privately")]
    private static partial void LogSentPrivately(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Safety net: the private crisis reply could not be delivered; neutral crisis resources posted in the conversation instead")]
    private static partial void LogFallback(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Safety net: crisis help could not be delivered at all ({Exception})")]
    private static partial void LogUndelivered(ILogger logger, string exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Safety net: the private crisis reply failed ({Exception})")]
    private static partial void LogPrivateFailed(ILogger logger, string exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Safety net: could not mark the person's open support request urgent ({ErrorCode})")]
    private static partial void LogUrgentFailed(ILogger logger, string errorCode);
}
