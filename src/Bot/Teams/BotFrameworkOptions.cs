namespace WellnessBot.Bot.Teams;

/// <summary>
/// Bot Framework settings under the Bot Framework SDK's own configuration names (top-level keys), so Azure Bot
/// deployments, templates and docs apply unchanged. No MicrosoftAppId means authentication is off and only
/// loopback callers are accepted (local chat clients such as the Agents Playground or the Emulator).
/// </summary>
internal sealed class BotFrameworkOptions
{
    public const string MultiTenant = "MultiTenant";
    public const string SingleTenant = "SingleTenant";
    public const string UserAssignedMsi = "UserAssignedMSI";

    public string MicrosoftAppType { get; set; } = MultiTenant;
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    public string ToBotFromChannelOpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string ToBotFromChannelTokenIssuer { get; set; } = "https://api.botframework.com";
    public string ToBotFromEmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";
    public string ToChannelFromBotLoginUrl { get; set; } = "https://login.microsoftonline.com/botframework.com";
    public string ToChannelFromBotOAuthScope { get; set; } = "https://api.botframework.com";

    /// <summary>Largest activity accepted on /api/messages.</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    public bool AuthenticationEnabled => !string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MicrosoftAppType is not (MultiTenant or SingleTenant or UserAssignedMsi))
            problems.Add($"MicrosoftAppType is '{MicrosoftAppType}'; use {MultiTenant}, {SingleTenant} or {UserAssignedMsi}.");
        if (!AuthenticationEnabled) return problems;
        if (MicrosoftAppType != UserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
            problems.Add($"MicrosoftAppPassword is required when MicrosoftAppId is set and MicrosoftAppType is {MicrosoftAppType}.");
        if (MicrosoftAppType is SingleTenant or UserAssignedMsi && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
            problems.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {MicrosoftAppType}.");
        foreach (var (name, value) in new[]
                 {
                     (nameof(ToBotFromChannelOpenIdMetadataUrl), ToBotFromChannelOpenIdMetadataUrl),
                     (nameof(ToBotFromEmulatorOpenIdMetadataUrl), ToBotFromEmulatorOpenIdMetadataUrl),
                     (nameof(ToChannelFromBotLoginUrl), ToChannelFromBotLoginUrl),
                 })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && !uri.IsLoopback))
                problems.Add($"{name} must be an https URL (plain http is allowed only for loopback test servers).");
        }
        return problems;
    }

    /// <summary>The Emulator's and Azure AD's token issuers the SDK accepts, plus the bot's own tenant when set.</summary>
    public IReadOnlyList<string> EmulatorIssuers()
    {
        string[] tenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", .. string.IsNullOrWhiteSpace(MicrosoftAppTenantId) ? Array.Empty<string>() : [MicrosoftAppTenantId!]];
        return tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }).ToList();
    }
}
