using Microsoft.Extensions.Logging;

namespace WellnessBot.Dialogs.Support;

/// <summary>The desk's log events: request ids and states only, never people or details.</summary>
public sealed partial class PeerSupportDesk
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Support request {Reference} created (tier {Tier}, urgent {Urgent})")]
    private static partial void LogCreated(ILogger logger, string reference, string tier, bool urgent);
    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Support request {Reference} offered (offer {Number})")]
    private static partial void LogOffered(ILogger logger, string reference, int number);
    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Support request {Reference} accepted")]
    private static partial void LogAccepted(ILogger logger, string reference);
    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Support request {Reference} declined; offering to the next supporter")]
    private static partial void LogDeclined(ILogger logger, string reference);
    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Support request {Reference}: the offer window passed; offering to the next supporter")]
    private static partial void LogTimedOut(ILogger logger, string reference);
    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Support request {Reference} escalated to the coordinators: no peer supporter left")]
    private static partial void LogEscalated(ILogger logger, string reference);
    [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Support request {Reference} closed ({How})")]
    private static partial void LogClosed(ILogger logger, string reference, string how);
    [LoggerMessage(EventId = 5008, Level = LogLevel.Information, Message = "Support request {Reference} marked urgent")]
    private static partial void LogUrgent(ILogger logger, string reference);
    [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Support request {Reference}: details erased after retention")]
    private static partial void LogPurged(ILogger logger, string reference);
    [LoggerMessage(EventId = 5011, Level = LogLevel.Error, Message = "Support request {Reference} is escalated but no coordinator could be messaged (they need to have opened a chat with the bot); it is listed in \"h3 requests\"")]
    private static partial void LogCoordinatorsUnreachable(ILogger logger, string reference);
    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Support request {Reference} has no supporter left and no coordinator who can be messaged (Program:Coordinators needs Teams 29: or Slack U ids); retrying at the next window")]
    private static partial void LogNoCoordinator(ILogger logger, string reference);
}
