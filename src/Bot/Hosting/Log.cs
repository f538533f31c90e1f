namespace WellnessBot.Bot.Hosting;

/// <summary>Log messages with stable event ids. Never pass message text or support-request details here.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Table store: {Provider} at {Location}")]
    public static partial void StoreSelected(this ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Health check {Check} is unhealthy: {Reason}")]
    public static partial void HealthCheckFailed(this ILogger logger, string check, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Bot Framework authentication is on ({AppType}): every request to /api/messages needs a valid token")]
    public static partial void BotAuthentication(this ILogger logger, string appType);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Bot Framework authentication is OFF (no MicrosoftAppId configured): /api/messages serves direct loopback callers only with Bot:AllowUnauthenticatedLocalClients in Development, and answers 404 elsewhere. Set MicrosoftAppId and its credentials for Teams.")]
    public static partial void BotAuthenticationOff(this ILogger logger);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Development: no Support:Keys configured, so support requests are encrypted with a throwaway key and cannot be read after a restart. Production refuses to start without a key.")]
    public static partial void SupportKeyThrowaway(this ILogger logger);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "The {Section} settings section is not set: its defaults are used (see README, Configuration)")]
    public static partial void SettingsOnDefaults(this ILogger logger, string section);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "{Count} Program:Coordinators entries are bare ids, read on every channel: write each with its channel (msteams:29:…, aad:<object id>, slack:U…)")]
    public static partial void BareCoordinatorIds(this ILogger logger, int count);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Tables could not be created yet ({ErrorCode}); retrying in {Seconds} s")]
    public static partial void TablesNotReady(this ILogger logger, string errorCode, double seconds);
}
