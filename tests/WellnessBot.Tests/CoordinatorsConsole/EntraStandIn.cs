using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace WellnessBot.Tests.CoordinatorsConsole;

/// <summary>
/// Microsoft Entra ID as the console meets it, on a free loopback port over TLS (a test CA's certificate): the v2.0
/// OpenID configuration, its signing keys, the authorize endpoint (answering, as Entra does with form_post, with a
/// page whose form posts the code and state back to redirect_uri) and the token endpoint (checking the client secret,
/// the redirect URI and PKCE, then minting the id_token with a test RSA key through JsonWebTokenHandler).
/// Who signs in next, and what is wrong with their token if anything, is <see cref="Next"/>.
/// </summary>
public sealed class EntraStandIn : IAsyncDisposable
{
    public const string TenantId = "7a1f2c3d-0000-4000-8000-00000000beef";
    public const string ClientId = "c0c0c0c0-1111-4222-8333-000000000018";
    public const string ClientSecret = "stand-in-secret-not-real";

    /// <summary>What can be wrong with the id_token the token endpoint hands out.</summary>
    public enum Flaw { None, WrongNonce, WrongIssuer, WrongAudience, Expired, BadSignature }

    public sealed record Person(string ObjectId, string Name, string[] Roles, Flaw Flaw = Flaw.None);

    private sealed record Grant(Person Who, string Nonce, string RedirectUri, string CodeChallenge);

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "stand-in-key-1" };
    private readonly RsaSecurityKey _otherKey = new(RSA.Create(2048)) { KeyId = "stand-in-key-1" }; // same kid, other key
    private readonly ConcurrentDictionary<string, Grant> _grants = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private WebApplication _app = null!;

    /// <summary>Who the next visit to the authorize endpoint signs in as.</summary>
    public Person Next { get; set; } = new("00000000-0000-4000-8000-000000000000", "Nobody", []);

    public string BaseUrl { get; private set; } = "";
    public string Instance => BaseUrl + "/";
    public string Issuer => $"{BaseUrl}/{TenantId}/v2.0";
    public string AuthorizeUrl => $"{BaseUrl}/{TenantId}/oauth2/v2.0/authorize";

    /// <summary>Every id_token and code handed out: none may ever show up in the bot's output.</summary>
    public IReadOnlyCollection<string> Issued => _issued;

    /// <summary>How many codes were redeemed at the token endpoint.</summary>
    public int Redeemed => _redeemed;
    private int _redeemed;

    public static async Task<EntraStandIn> StartAsync(TestCertificates certificates)
    {
        var entra = new EntraStandIn();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificates.Server)));
        entra._app = builder.Build();
        entra.Map(entra._app);
        await entra._app.StartAsync();
        entra.BaseUrl = "https://127.0.0.1:" + new Uri(entra._app.Urls.Single()).Port;
        return entra;
    }

    private void Map(WebApplication app)
    {
        var tenant = "/" + TenantId;
        app.MapGet(tenant + "/v2.0/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = AuthorizeUrl,
            ["token_endpoint"] = $"{BaseUrl}{tenant}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{BaseUrl}{tenant}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{BaseUrl}{tenant}/discovery/v2.0/keys",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            ["frontchannel_logout_supported"] = true,
            ["tenant_region_scope"] = "NA",
        }));
        app.MapGet(tenant + "/discovery/v2.0/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_key.Rsa.ExportParameters(false)) { KeyId = _key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, n = jwk.N, e = jwk.E, issuer = Issuer } } });
        });
        app.MapGet(tenant + "/oauth2/v2.0/authorize", Authorize);
        app.MapPost(tenant + "/oauth2/v2.0/token", TokenAsync);
    }

    /// <summary>Entra's answer page for response_mode=form_post: a form that posts code and state to redirect_uri.</summary>
    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_mode"] != "form_post" || q["response_type"] != "code" || q["code_challenge_method"] != "S256")
            return Results.BadRequest("unexpected authorize request");
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _grants[code] = new Grant(Next, q["nonce"].ToString(), q["redirect_uri"].ToString(), q["code_challenge"].ToString());
        _issued.Enqueue(code);
        var html = $"""
            <html><body onload="document.forms[0].submit()"><form method="POST" action="{WebUtility.HtmlEncode(q["redirect_uri"])}">
            <input type="hidden" name="code" value="{code}" /><input type="hidden" name="state" value="{WebUtility.HtmlEncode(q["state"])}" />
            </form></body></html>
            """;
        return Results.Content(html, "text/html");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (!_grants.TryRemove(form["code"].ToString(), out var grant) || form["redirect_uri"] != grant.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.CodeChallenge)
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        Interlocked.Increment(ref _redeemed);
        var idToken = Mint(grant);
        _issued.Enqueue(idToken);
        return Results.Json(new { token_type = "Bearer", scope = "openid profile", expires_in = 3600, access_token = "stand-in-access-" + Guid.NewGuid().ToString("N"), id_token = idToken });
    }

    private string Mint(Grant grant)
    {
        var who = grant.Who;
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = who.ObjectId, ["sub"] = "sub-" + who.ObjectId, ["tid"] = TenantId, ["ver"] = "2.0", ["name"] = who.Name,
            ["preferred_username"] = who.Name.Replace(' ', '.').ToLowerInvariant() + "@program.example",
            ["nonce"] = who.Flaw == Flaw.WrongNonce ? "not-the-nonce-it-asked-for" : grant.Nonce,
            ["sid"] = "session-" + who.ObjectId,
        };
        if (who.Roles.Length > 0) claims["roles"] = who.Roles;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = who.Flaw == Flaw.WrongIssuer ? $"{BaseUrl}/{Guid.NewGuid()}/v2.0" : Issuer,
            Audience = who.Flaw == Flaw.WrongAudience ? "api://someone-else" : ClientId,
            IssuedAt = who.Flaw == Flaw.Expired ? now.AddHours(-3) : now,
            NotBefore = who.Flaw == Flaw.Expired ? now.AddHours(-3) : now,
            Expires = who.Flaw == Flaw.Expired ? now.AddHours(-2) : now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(who.Flaw == Flaw.BadSignature ? _otherKey : _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
        _otherKey.Rsa.Dispose();
    }
}
