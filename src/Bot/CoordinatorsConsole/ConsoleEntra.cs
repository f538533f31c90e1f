using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using WellnessBot.Bot.Hosting;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The console's production sign-in: Microsoft Entra ID through Microsoft.Identity.Web (OpenID Connect, the
/// authorization code flow with PKCE, answered by form_post to /console/signin-oidc, the code redeemed with the
/// app's client secret). On only when the "AzureAd" section names a ClientId. What Entra says is kept in the
/// console's own cookie as a few claims (name, object id, tenant, app roles, session): coordinators are then told
/// apart by <see cref="CoordinatorHandler"/>, exactly as for the local sign-in.
/// </summary>
internal static partial class ConsoleEntra
{
    public const string Scheme = "Entra", SectionName = "AzureAd";
    public const string CallbackPath = "/console/signin-oidc", RemoteSignOutPath = "/console/signout-oidc", StartPath = "/console/signin/entra";
    public const string RoleClaim = "roles", TenantClaim = "tid";

    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[SectionName + ":ClientId"]);

    public static void AddConsoleEntra(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        builder.AddCheckedSettings<EntraSettings>(SectionName, s => s.Validate());
        // No cookie of MIW's own: the "Console" cookie (the default sign-in scheme) holds the session.
        authentication.AddMicrosoftIdentityWebApp(builder.Configuration.GetSection(SectionName), Scheme, cookieScheme: null);
        // Registered after MIW's own configuration, so these win.
        builder.Services.Configure<OpenIdConnectOptions>(Scheme, o =>
        {
            o.SignInScheme = ConsoleSetup.Scheme;
            o.CallbackPath = CallbackPath;
            o.RemoteSignOutPath = RemoteSignOutPath;
            o.SignedOutCallbackPath = "/console/signout-callback-oidc";
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.FormPost;
            o.UsePkce = true;
            o.SaveTokens = false; // nothing but the claims below is kept: no tokens in the cookie
            o.MapInboundClaims = false; // the token's own claim names: oid, roles, tid, sid
            o.RequireHttpsMetadata = true;
            // Entra answers with a cross-site POST, so these two must be SameSite=None, hence Secure (the defaults, said out loud).
            foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
            {
                cookie.SameSite = SameSiteMode.None;
                cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.HttpOnly = true;
                cookie.Path = CallbackPath; // (MIW's builders would otherwise take its default callback path, /signin-oidc)
            }
            o.Events.OnTokenValidated = KeepOnlyWhatTheConsoleNeedsAsync;
            o.Events.OnRemoteFailure = PoliteFailureAsync;
        });
    }

    /// <summary>Starts the Entra sign-in (a plain GET, so the Teams tab's pop-up can open it); back to a console path only.</summary>
    public static async Task ChallengeAsync(HttpContext context, string? returnUrl) =>
        await context.ChallengeAsync(Scheme, new AuthenticationProperties { RedirectUri = ConsoleSetup.SafeReturn(returnUrl) });

    /// <summary>The console's identity: built from the validated id_token's claims the console uses, nothing else carried over.</summary>
    private static Task KeepOnlyWhatTheConsoleNeedsAsync(TokenValidatedContext context)
    {
        var token = context.Principal!;
        var oid = token.FindFirstValue("oid") ?? token.FindFirstValue(ConsoleSetup.ObjectIdClaim);
        if (string.IsNullOrWhiteSpace(oid))
        {
            context.Fail("The id_token has no object id.");
            return Task.CompletedTask;
        }
        var identity = new ClaimsIdentity(Scheme, ClaimTypes.Name, RoleClaim);
        var name = token.FindFirstValue("name") ?? token.FindFirstValue("preferred_username") ?? "a coordinator";
        identity.AddClaim(new Claim(ClaimTypes.Name, name.Length <= 128 ? name : name[..128]));
        identity.AddClaim(new Claim(ConsoleSetup.ObjectIdClaim, oid));
        foreach (var type in new[] { TenantClaim, "iss", "sid" })
            if (token.FindFirstValue(type) is { } value) identity.AddClaim(new Claim(type, value));
        foreach (var role in token.FindAll(RoleClaim).Concat(token.FindAll(ClaimTypes.Role)))
            identity.AddClaim(new Claim(RoleClaim, role.Value));
        context.Principal = new ClaimsPrincipal(identity);
        return Task.CompletedTask;
    }

    /// <summary>A refused answer (bad signature, nonce, issuer, audience, expiry, state) signs nobody in and says so politely.</summary>
    private static Task PoliteFailureAsync(RemoteFailureContext context)
    {
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEntra).FullName!);
        // The failure's type only: its message may quote the token.
        SignInRefused(logger, context.Failure?.GetType().Name ?? "unknown");
        context.Response.Redirect("/console/signin?failed=1");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Console: an Entra sign-in answer was refused ({Failure}); nobody was signed in")]
    private static partial void SignInRefused(ILogger logger, string failure);
}

/// <summary>The "AzureAd" section as the console checks it at start-up (Microsoft.Identity.Web binds the same section itself).</summary>
internal sealed class EntraSettings
{
    public string Instance { get; set; } = "https://login.microsoftonline.com/";
    public string TenantId { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    public string CallbackPath { get; set; } = ConsoleEntra.CallbackPath;

    private static readonly string[] SharedTenants = ["common", "organizations", "consumers"];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
            problems.Add("AzureAd:Instance must be an https URL, e.g. https://login.microsoftonline.com/.");
        if (string.IsNullOrWhiteSpace(TenantId) || SharedTenants.Contains(TenantId.Trim(), StringComparer.OrdinalIgnoreCase))
            problems.Add("AzureAd:TenantId must name the program's own tenant (its id or domain): with a shared one, another organisation's admin could assign the coordinator role.");
        if (!Guid.TryParse(ClientId, out _)) problems.Add("AzureAd:ClientId must be the console app registration's application (client) id, a GUID.");
        if (string.IsNullOrWhiteSpace(ClientSecret))
            problems.Add("AzureAd:ClientSecret is required: the console redeems Entra's sign-in code with it (keep it in Key Vault).");
        if (CallbackPath != ConsoleEntra.CallbackPath) problems.Add($"AzureAd:CallbackPath must be {ConsoleEntra.CallbackPath} (leave it out).");
        return problems;
    }
}
