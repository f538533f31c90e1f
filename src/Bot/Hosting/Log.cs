namespace WellnessBot.Bot.Hosting;

/// <summary>Log messages with stable event ids. Never pass message text or support-request details here.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Table store: {Provider} at {Location}")]
    public static partial void StoreSelected(this ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Health check {Check} is unhealthy: {Reason}")]
    public static partial void HealthCheckFailed(this ILogger logger, string check, string reason);
}
