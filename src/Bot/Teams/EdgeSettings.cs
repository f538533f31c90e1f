namespace WellnessBot.Bot.Teams;

/// <summary>
/// The "Bot" section: who may call /api/messages besides the Bot Connector. Both are for a developer's machine:
/// unauthenticated local clients (the Agents Playground, the Emulator with no app id) only in Development, on a
/// loopback binding; Emulator tokens only where <see cref="AllowEmulator"/> is set (the default in Development).
/// </summary>
internal sealed class EdgeSettings
{
    public const string SectionName = "Bot";

    /// <summary>With no MicrosoftAppId: accept callers on loopback with no token. Refused outside Development.</summary>
    public bool AllowUnauthenticatedLocalClients { get; set; }

    /// <summary>Accept Bot Framework Emulator tokens (Azure AD, for this app id). Unset: on in Development only.</summary>
    public bool? AllowEmulator { get; set; }

    public bool EmulatorAllowed => AllowEmulator == true;

    /// <summary>Problems a person can fix, each naming the setting.</summary>
    public IReadOnlyList<string> Validate(bool development, IReadOnlyList<string> boundUrls)
    {
        var problems = new List<string>();
        if (!AllowUnauthenticatedLocalClients) return problems;
        if (!development)
            problems.Add("Bot:AllowUnauthenticatedLocalClients is for a developer's machine: it is refused outside Development (ASPNETCORE_ENVIRONMENT=Development). " +
                         "Set MicrosoftAppId and its credentials instead.");
        foreach (var url in boundUrls.Where(u => !IsLoopbackUrl(u)))
            problems.Add($"Bot:AllowUnauthenticatedLocalClients needs a loopback binding (http://localhost:3978), but urls/ASPNETCORE_HTTP_PORTS binds '{url}'.");
        return problems;
    }

    /// <summary>Whether a Kestrel URL listens on loopback only ("*", "+", 0.0.0.0 and host names other than localhost do not).</summary>
    public static bool IsLoopbackUrl(string url)
    {
        var host = url.Split("://", 2) is [_, var rest] ? rest : url;
        host = host.Split('/', 2)[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']') + 1)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
               || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
    }
}

/// <summary>
/// The "Teams" section: the Microsoft Entra tenants whose activities are served. Required in Production for a
/// MultiTenant registration (anyone's tenant can install a multi-tenant bot); a SingleTenant or managed-identity
/// bot serves its own tenant unless this lists others.
/// </summary>
internal sealed class TeamsSettings
{
    public const string SectionName = "Teams";

    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>The tenants served; empty means any (Development, or auth off).</summary>
    public IReadOnlyList<string> Effective(BotFrameworkOptions bot) =>
        AllowedTenants.Count > 0 || !bot.AuthenticationEnabled || bot.MicrosoftAppType == BotFrameworkOptions.MultiTenant || string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId)
            ? AllowedTenants
            : [bot.MicrosoftAppTenantId!];

    public bool Allows(BotFrameworkOptions bot, string? tenant) =>
        Effective(bot) is not { Count: > 0 } allowed || (tenant is { Length: > 0 } && allowed.Contains(tenant, StringComparer.OrdinalIgnoreCase));

    public IReadOnlyList<string> Validate(bool development, string? appId, string? appType)
    {
        var problems = new List<string>();
        if (AllowedTenants.Any(string.IsNullOrWhiteSpace)) problems.Add("Teams:AllowedTenants has an empty entry.");
        if (!development && !string.IsNullOrWhiteSpace(appId) && (appType ?? BotFrameworkOptions.MultiTenant) == BotFrameworkOptions.MultiTenant && AllowedTenants.Count == 0)
            problems.Add("Teams:AllowedTenants is required for a MultiTenant bot outside Development: list your organisation's tenant id " +
                         "(Teams__AllowedTenants__0=<tenant id>), or any Microsoft 365 tenant could talk to the bot.");
        return problems;
    }
}
