using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace WellnessBot.Bot.Teams;

/// <summary>
/// Tokens for calling the Bot Connector, from Microsoft Entra through Azure.Identity: client credentials for
/// MultiTenant (the botframework.com tenant) and SingleTenant (the bot's tenant), managed identity for
/// UserAssignedMSI. Cached until five minutes before expiry. Null when authentication is off (local clients).
/// </summary>
internal sealed class BotTokenProvider
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly TokenCredential? _credential;
    private readonly TokenRequestContext _request;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AccessToken? _cached;

    public BotTokenProvider(IOptions<BotFrameworkOptions> options, TokenCredential? credential = null)
    {
        var settings = options.Value;
        _request = new TokenRequestContext([settings.ToChannelFromBotOAuthScope.TrimEnd('/') + "/.default"]);
        if (settings.AuthenticationEnabled)
            _credential = credential ?? CreateCredential(settings);
    }

    public string Scope => _request.Scopes[0];

    public static TokenCredential CreateCredential(BotFrameworkOptions settings)
    {
        if (settings.MicrosoftAppType == BotFrameworkOptions.UserAssignedMsi)
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.MicrosoftAppId!));

        // ToChannelFromBotLoginUrl is "<authority host>/<tenant>"; single-tenant bots use their own tenant.
        var login = new Uri(settings.ToChannelFromBotLoginUrl);
        var tenant = settings.MicrosoftAppType == BotFrameworkOptions.SingleTenant
            ? settings.MicrosoftAppTenantId!
            : login.AbsolutePath.Trim('/') is { Length: > 0 } path ? path : "botframework.com";
        return new ClientSecretCredential(tenant, settings.MicrosoftAppId, settings.MicrosoftAppPassword,
            new ClientSecretCredentialOptions { AuthorityHost = new Uri(login.GetLeftPart(UriPartial.Authority)) });
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken ct)
    {
        if (_credential is null) return null;
        if (_cached is { } fresh && fresh.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow) return fresh.Token;
        await _refresh.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && again.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow) return again.Token;
            _cached = await _credential.GetTokenAsync(_request, ct).ConfigureAwait(false);
            return _cached.Value.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
