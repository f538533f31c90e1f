using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WellnessBot.Bot.Teams;

/// <summary>Who sent a request, as far as its token proves.</summary>
internal sealed record BotCaller(bool Anonymous, string? ServiceUrlClaim, IReadOnlyList<string>? Endorsements, bool FromEmulator);

/// <summary>
/// Verifies the bearer JWT on every request to /api/messages before anything else is read, following the
/// Bot Framework rules: issuer, audience (the bot's app id), lifetime with 5 minutes' skew, RS256/384/512
/// signature by a key from the OpenID metadata (refreshed once on an unknown key id), the key's endorsement
/// for the activity's channel, and the serviceUrl claim. Emulator/Azure AD tokens take the emulator path.
/// Crypto and metadata handling are Microsoft.IdentityModel's; this class only applies the rules.
/// </summary>
internal sealed partial class BotFrameworkAuthenticator
{
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotFrameworkOptions _options;
    private readonly EdgeSettings _edge;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly OpenIdMetadata? _channelMetadata;
    private readonly OpenIdMetadata? _emulatorMetadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(IOptions<BotFrameworkOptions> options, IOptions<EdgeSettings> edge, IHttpClientFactory httpClients, ILogger<BotFrameworkAuthenticator> logger)
    {
        _options = options.Value;
        _edge = edge.Value;
        _logger = logger;
        if (!_options.AuthenticationEnabled) return;
        var http = httpClients.CreateClient(nameof(BotFrameworkAuthenticator));
        _channelMetadata = new OpenIdMetadata(_options.ToBotFromChannelOpenIdMetadataUrl, http);
        _emulatorMetadata = new OpenIdMetadata(_options.ToBotFromEmulatorOpenIdMetadataUrl, http);
    }

    public bool AuthenticationEnabled => _options.AuthenticationEnabled;

    /// <summary>
    /// The caller if its token is valid; null means 401. With authentication off the endpoint decides (only
    /// explicitly allowed, direct loopback callers: <see cref="LocalCallers"/>), never this method.
    /// </summary>
    public async Task<BotCaller?> AuthenticateAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (!_options.AuthenticationEnabled) return Reject("authentication is off");

        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.Ordinal))
            return Reject("no bearer token");
        var raw = authorizationHeader["Bearer ".Length..].Trim();

        JsonWebToken token;
        try { token = _handler.ReadJsonWebToken(raw); }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException) { return Reject("malformed token"); }

        // The issuer picks the path and is checked before any signature work, as the SDK does.
        if (string.Equals(token.Issuer, _options.ToBotFromChannelTokenIssuer, StringComparison.Ordinal))
            return await ValidateChannelTokenAsync(raw, token, ct).ConfigureAwait(false);
        if (_options.EmulatorIssuers().Contains(token.Issuer, StringComparer.Ordinal))
            return !_edge.EmulatorAllowed ? Reject("Emulator tokens are not accepted here (Bot:AllowEmulator)") : await ValidateEmulatorTokenAsync(raw, ct).ConfigureAwait(false);
        return Reject("issuer not accepted");
    }

    /// <summary>The checks that need the activity: endorsement for its channel and the serviceUrl claim.</summary>
    public bool AcceptsActivity(BotCaller caller, string? channelId, string? serviceUrl)
    {
        if (caller.Anonymous || caller.FromEmulator) return true;
        if (caller.Endorsements is null || string.IsNullOrEmpty(channelId) || !caller.Endorsements.Contains(channelId, StringComparer.Ordinal))
        {
            LogRejected(_logger, "signing key not endorsed for the channel");
            return false;
        }
        if (serviceUrl is not null && !string.Equals(caller.ServiceUrlClaim, serviceUrl, StringComparison.OrdinalIgnoreCase))
        {
            LogRejected(_logger, "serviceUrl claim does not match the activity");
            return false;
        }
        return true;
    }

    private async Task<BotCaller?> ValidateChannelTokenAsync(string raw, JsonWebToken token, CancellationToken ct)
    {
        var result = await ValidateAsync(raw, _channelMetadata!, [_options.ToBotFromChannelTokenIssuer], [_options.MicrosoftAppId!], ct).ConfigureAwait(false);
        if (result is null) return null;
        var (validated, config) = result.Value;
        var endorsements = EndorsementsOf(config, token.Kid);
        return new BotCaller(false, validated.TryGetClaim("serviceurl", out var claim) ? claim.Value : null, endorsements, false);
    }

    private async Task<BotCaller?> ValidateEmulatorTokenAsync(string raw, CancellationToken ct)
    {
        // Its audience must be this bot: a token of the same identity for another resource (storage, Key Vault) is no bot token.
        var result = await ValidateAsync(raw, _emulatorMetadata!, _options.EmulatorIssuers(), [_options.MicrosoftAppId!, "api://" + _options.MicrosoftAppId], ct).ConfigureAwait(false);
        if (result is null) return null;
        var token = result.Value.Token;
        // Azure AD v1 tokens carry the caller's app id in "appid", v2 tokens in "azp".
        var version = token.TryGetClaim("ver", out var ver) ? ver.Value : null;
        var appIdClaim = version switch { null or "1.0" => "appid", "2.0" => "azp", _ => null };
        if (appIdClaim is null || !token.TryGetClaim(appIdClaim, out var appId) || appId.Value != _options.MicrosoftAppId)
            return Reject("emulator token is for another app");
        return new BotCaller(false, null, null, true);
    }

    private async Task<(JsonWebToken Token, OpenIdConnectConfiguration Config)?> ValidateAsync(
        string raw, OpenIdMetadata metadata, IReadOnlyList<string> issuers, IReadOnlyList<string> audiences, CancellationToken ct)
    {
        OpenIdConnectConfiguration config;
        try { config = await metadata.GetAsync(ct).ConfigureAwait(false); }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(_logger, ex.GetType().Name);
            return null;
        }
        for (var attempt = 0; attempt < 2; attempt++)
        {

            var parameters = new TokenValidationParameters
            {
                ValidIssuers = issuers,
                ValidateAudience = true,
                ValidAudiences = audiences,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ClockSkew = TimeSpan.FromMinutes(5),
                IssuerSigningKeys = config.SigningKeys,
                ValidAlgorithms = AllowedAlgorithms,
                ValidateIssuerSigningKey = true,
            };
            var result = await _handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
            if (result.IsValid)
                return ((JsonWebToken)result.SecurityToken, config);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 0
                && await metadata.RefreshAsync(ct).ConfigureAwait(false) is { } refreshed)
            {
                config = refreshed; // keys rotate: fetch the metadata once more before refusing
                continue;
            }
            LogRejected(_logger, result.Exception?.GetType().Name ?? "invalid token");
            return null;
        }
        return null;
    }

    /// <summary>The channels a signing key is endorsed for ("msteams", "webchat"…), from the JWKS "endorsements" field.</summary>
    private static IReadOnlyList<string>? EndorsementsOf(OpenIdConnectConfiguration config, string? keyId)
    {
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == keyId);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value)) return null;
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => e.GetString() ?? "").ToList(),
            IEnumerable<object> list => list.Select(o => o?.ToString() ?? "").ToList(),
            _ => null,
        };
    }

    private BotCaller? Reject(string reason)
    {
        LogRejected(_logger, reason);
        return null;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Rejected a request to /api/messages: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Bot Framework OpenID metadata could not be loaded ({Exception}); requests are refused until it can")]
    private static partial void LogMetadataUnavailable(ILogger logger, string exception);
}
