using Microsoft.Extensions.Logging;

namespace WellnessBot.Dialogs.Support;

/// <summary>Helping Healers Heal's log events: request references and states only, never people or details.</summary>
internal static partial class SupportLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Support request {Reference} created ({Kind})")]
    public static partial void RequestCreated(this ILogger logger, string reference, string kind);
    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Support request {Reference} offered (offer {Number})")]
    public static partial void RequestOffered(this ILogger logger, string reference, int number);
    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Support request {Reference} accepted")]
    public static partial void RequestAccepted(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Support request {Reference} declined; offering to the next supporter")]
    public static partial void RequestDeclined(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Support request {Reference}: the offer window passed; offering to the next supporter")]
    public static partial void RequestTimedOut(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Support request {Reference} escalated to the coordinators: no peer supporter left")]
    public static partial void RequestEscalated(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Support request {Reference} closed ({How})")]
    public static partial void RequestClosed(this ILogger logger, string reference, string how);
    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Support request {Reference} marked urgent")]
    public static partial void RequestUrgent(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Support request {Reference}: details erased after retention")]
    public static partial void RequestPurged(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "Support request {Reference}: its due timer failed ({Exception}); it is tried again at the next sweep")]
    public static partial void RequestTimerFailed(this ILogger logger, string reference, string exception);
    [LoggerMessage(EventId = 5013, Level = LogLevel.Error, Message = "Support request {Reference} cannot be decrypted (its key is not in Support:Keys, or the row is damaged); it is skipped and the coordinators are told")]
    public static partial void RequestUnreadable(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Support request {Reference} is escalated but no coordinator could be messaged (they need to have opened a chat with the bot); trying again every Support:EscalationRetryMinutes")]
    public static partial void RequestCoordinatorsUnreachable(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5014, Level = LogLevel.Warning, Message = "Support request {Reference}: the offer could not be delivered ({Delivery}); asking the next supporter now")]
    public static partial void RequestOfferNotDelivered(this ILogger logger, string reference, string delivery);
    [LoggerMessage(EventId = 5015, Level = LogLevel.Information, Message = "Support request {Reference}: its supporter left the roster; offering it to the next one")]
    public static partial void RequestReassigned(this ILogger logger, string reference);
    [LoggerMessage(EventId = 5016, Level = LogLevel.Information, Message = "Support request {Reference}: reminder {Number} sent to its supporter")]
    public static partial void RequestReminded(this ILogger logger, string reference, int number);
    [LoggerMessage(EventId = 5017, Level = LogLevel.Information, Message = "{Count} support requests stored before identities were sealed have been rewritten sealed")]
    public static partial void RequestsResealed(this ILogger logger, int count);
    [LoggerMessage(EventId = 5018, Level = LogLevel.Warning, Message = "Support request {Reference}: a card with its details could not be updated to neutral ({Exception}); the purge tries again")]
    public static partial void CardNotRedacted(this ILogger logger, string reference, string exception);
    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Support request {Reference} has no supporter left and no coordinator who can be messaged (Program:Coordinators needs Teams 29: or Slack U ids); retrying at the next window")]
    public static partial void RequestNoCoordinator(this ILogger logger, string reference);
}
