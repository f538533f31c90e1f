using System.Net;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// The rules /api/messages applies besides the token (<see cref="BotFrameworkAuthenticator"/>): who may call with
/// no token at all, which channels and tenants are served. Each refusal is logged with a reason, never content.
/// </summary>
internal static partial class BotEdge
{
    /// <summary>The channels served on /api/messages: Teams, and the Emulator where it is allowed. Slack has its own edge.</summary>
    public const string Teams = "msteams", Emulator = "emulator";

    /// <summary>Headers a proxy, a tunnel or ASP.NET Core's forwarded-headers middleware leaves: such a caller is not local.</summary>
    private static readonly string[] ProxyHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP", "X-Original-For", "X-Original-Host", "Via"];

    /// <summary>
    /// A caller with no token is served only when Bot:AllowUnauthenticatedLocalClients is set (Development) and it is
    /// truly on this machine: a loopback peer, no proxy headers, and a loopback Host (no DNS rebinding).
    /// </summary>
    public static bool IsDirectLocalCaller(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
        && !ProxyHeaders.Any(h => http.Request.Headers.ContainsKey(h))
        && IsLoopbackHost(http.Request.Host.Host);

    public static bool IsLoopbackHost(string? host) =>
        host is { Length: > 0 } && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                                    || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>Whether a channel id may come from this caller: msteams from the Connector or a local client, emulator only where allowed.</summary>
    public static bool ServesChannel(BotCaller caller, string? channelId, EdgeSettings edge) => channelId switch
    {
        Teams => !caller.FromEmulator,
        Emulator => edge.EmulatorAllowed && (caller.FromEmulator || caller.Anonymous),
        _ => false,
    };

    /// <summary>False when the activity names two different tenants (conversation.tenantId, channelData.tenant.id): then it is served nowhere.</summary>
    public static bool TenantIsConsistent(Activity activity) =>
        activity.Conversation?.TenantId is not { Length: > 0 } conversationTenant || ActivityMapper.TenantOf(activity) is not { } tenant
        || string.Equals(conversationTenant, tenant, StringComparison.OrdinalIgnoreCase);

    /// <summary>application/json (or a +json type): a web page cannot send that cross-site without a CORS preflight.</summary>
    public static bool IsJson(HttpRequest request) => request.HasJsonContentType();

    public static void Refused(ILogger logger, string reason) => LogRefused(logger, reason);

    /// <summary>Never a header value or content: a fixed reason.</summary>
    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Refused an activity on /api/messages: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Refused an activity from a tenant that is not in Teams:AllowedTenants (403)")]
    public static partial void LogForeignTenant(ILogger logger);
}
