using System.Text.Json.Nodes;

namespace WellnessBot.Bot.Slack;

/// <summary>
/// Which workspace a signed Slack request comes from, and which organisation its person belongs to. A workspace
/// not in Slack:AllowedTeams gets 403; a Slack Connect user from another organisation, in a channel shared with
/// ours, is told politely that the bot serves this program only. Neither is queued, stored or looked up.
/// </summary>
internal static partial class SlackWorkspaces
{
    public const string ForeignUserNotice =
        "Hi! I'm the wellness bot of one residency program, so I can only help its own members. " +
        "If you need support now, call or text 988 (Suicide & Crisis Lifeline), or 911 in an emergency.";

    public static string? OfCommand(IReadOnlyDictionary<string, string> form) => form.GetValueOrDefault("team_id");

    public static string? OfEvent(JsonObject envelope) => envelope.At("team_id").Str();

    /// <summary>The sender's own organisation in a shared channel (Slack Connect), when Slack says it.</summary>
    public static string? UserTeamOfEvent(JsonObject envelope) => envelope.At("event", "user_team").Str();

    public static string? OfInteraction(JsonObject payload) => payload.At("team", "id").Str() ?? payload.At("user", "team_id").Str();

    public static string? UserTeamOfInteraction(JsonObject payload) => payload.At("user", "team_id").Str();

    /// <summary>403 for a workspace that is not served, logged without any of the request.</summary>
    public static IResult Forbidden(HttpContext http, ILoggerFactory logs)
    {
        LogForeignWorkspace(logs.CreateLogger("WellnessBot.Bot.Slack"), http.Request.Path);
        return Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    /// <summary>After Slack has its answer: the polite notice, only the person sees it. A failure is only logged.</summary>
    public static IResult TellForeignUser(HttpContext http, SlackWebApi api, string? channel, string? user, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("WellnessBot.Bot.Slack");
        LogForeignUser(logger);
        if (channel is null || user is null) return Results.Ok();
        http.Response.OnCompleted(async () =>
        {
            try
            {
                await api.PostEphemeralAsync(channel, user, new SlackMessage(ForeignUserNotice), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException)
            {
                LogNoticeFailed(logger);
            }
        });
        return Results.Ok();
    }

    [LoggerMessage(EventId = 7403, Level = LogLevel.Warning, Message = "Slack request to {Path} refused: its workspace is not in Slack:AllowedTeams (403)")]
    private static partial void LogForeignWorkspace(ILogger logger, string path);

    [LoggerMessage(EventId = 7404, Level = LogLevel.Information, Message = "A Slack Connect user from another organisation was told that the bot serves this program only; nothing was kept")]
    private static partial void LogForeignUser(ILogger logger);

    [LoggerMessage(EventId = 7405, Level = LogLevel.Warning, Message = "The notice to a Slack Connect user from another organisation could not be sent")]
    private static partial void LogNoticeFailed(ILogger logger);
}
