using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The coordinators' console at /console: Razor components rendered on the server (static SSR, plain HTML forms,
/// no script), signed in with a cookie and open to coordinators only. Chosen over Fluent UI's web components
/// because those fail axe's label rule inside their shadow roots and need script a strict CSP would have to allow;
/// semantic HTML with a small Teams-like stylesheet is accessible, works without JavaScript and keeps the CSP tight.
/// </summary>
internal static class ConsoleSetup
{
    public const string Scheme = "Console";
    public const string CoordinatorsPolicy = "Coordinators";
    public const string TeamsIdClaim = "wellnessbot/teams-id", ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public static WebApplicationBuilder AddCoordinatorsConsole(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        var entra = ConsoleEntra.IsConfigured(builder.Configuration);
        services.AddRazorComponents();
        services.AddSingleton<ConsoleAudit>();
        services.AddSingleton<ConsoleMonths>();
        services.AddSingleton<ConsoleFigures>();
        services.AddHostedService<ConsoleWarmer>();
        services.AddSingleton<CatalogEditor>();
        services.AddOptions<ConsoleSettings>().Bind(builder.Configuration.GetSection(ConsoleSettings.SectionName));
        var authentication = services.AddAuthentication(Scheme).AddCookie(Scheme, o => ConfigureCookie(o, development, entra));
        if (entra) authentication.AddConsoleEntra(builder);
        services.AddAuthorizationBuilder().AddPolicy(CoordinatorsPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new CoordinatorRequirement()));
        services.AddSingleton<IAuthorizationHandler, CoordinatorHandler>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = development ? "wellnessbot-console-af" : "__Host-wellnessbot-console-af";
            o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // Sent inside the Teams tab's iframe too (see ConfigureCookie); the token in each form is what protects it.
            o.Cookie.SameSite = development ? SameSiteMode.Strict : SameSiteMode.None;
        });
        return builder;
    }

    /// <summary>
    /// The session cookie. Outside Development it is SameSite=None (so Secure, and __Host-): the Teams tab shows the
    /// console in an iframe under teams.microsoft.com, a third-party context where a Lax or Strict cookie is never
    /// sent, and Entra's front-channel sign-out loads in a frame too. Cross-site requests are harmless because every
    /// form carries an antiforgery token and no GET changes anything. Development is plain http, where browsers
    /// refuse None without Secure, so there it is Lax (enough for a top-level local sign-in).
    /// </summary>
    private static void ConfigureCookie(CookieAuthenticationOptions o, bool development, bool entra)
    {
        o.Cookie.Name = development ? "wellnessbot-console" : "__Host-wellnessbot-console";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = development ? SameSiteMode.Lax : SameSiteMode.None;
        o.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        o.LoginPath = "/console/signin";
        o.AccessDeniedPath = "/console/forbidden";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
        if (entra) o.Events.OnRedirectToLogin = ToSignInAsync;
    }

    /// <summary>
    /// With Entra on, someone signed out goes straight to Entra, except inside a frame (the Teams tab: Entra's page
    /// cannot be framed, so the sign-in page offers Teams' pop-up) and where the local sign-in is offered too.
    /// </summary>
    private static Task ToSignInAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var framed = string.Equals(http.Request.Headers["Sec-Fetch-Dest"], "iframe", StringComparison.OrdinalIgnoreCase);
        if (framed || LocalSignInAllowed(http, http.RequestServices.GetRequiredService<IHostEnvironment>()))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }
        return ConsoleEntra.ChallengeAsync(http, http.Request.Path + http.Request.QueryString);
    }

    public static WebApplication MapCoordinatorsConsole(this WebApplication app)
    {
        var entra = ConsoleEntra.IsConfigured(app.Configuration);
        var entraOrigin = entra && Uri.TryCreate(app.Configuration[ConsoleEntra.SectionName + ":Instance"] ?? "https://login.microsoftonline.com/", UriKind.Absolute, out var instance)
            ? instance.GetLeftPart(UriPartial.Authority) : null;
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/console"), console =>
        {
            // TLS ends at the ingress (Container Apps): its X-Forwarded-Proto makes Entra's redirect_uri https. Only
            // the scheme is taken from it; the peer address stays the real one (the local sign-in checks it).
            var proxy = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedProto };
            proxy.KnownIPNetworks.Clear();
            proxy.KnownProxies.Clear();
            console.UseForwardedHeaders(proxy);
            console.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(context.Request.Path, entraOrigin);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer"; // (pages with a form are no-store through antiforgery; downloads say so themselves)
                await next(context);
            });
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/console/console.css", () => Results.Text(ConsoleStyles.Css, "text/css"));
        ConsoleScripts.Map(app);
        if (entra) app.MapGet(ConsoleEntra.StartPath, (HttpContext context, string? returnUrl) => ConsoleEntra.ChallengeAsync(context, returnUrl));
        app.MapRazorComponents<ConsoleApp>();
        app.MapConsoleDigest();
        app.MapConsoleResources();
        app.MapConsoleSupporters();
        app.MapPost("/console/signout", (Delegate)SignOutAsync).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        return app;
    }

    /// <summary>
    /// Nothing on these pages is meant to run or load from elsewhere; only Teams may frame them (the tab). Script runs
    /// on the two sign-in pages only, and only the console's own files (Teams' SDK for the tab's pop-up sign-in).
    /// No form posts to Entra (sign-in starts with a link, sign-out ends the console's session here), so form-action
    /// stays 'self'; Entra may frame the front-channel sign-out only.
    /// </summary>
    private static string ContentSecurityPolicy(PathString path, string? entraOrigin)
    {
        var script = ConsoleScripts.PagesWithScript.Contains(path.Value ?? "", StringComparer.OrdinalIgnoreCase) ? "script-src 'self'; " : "";
        var framers = "'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";
        if (entraOrigin is not null && path.Equals(ConsoleEntra.RemoteSignOutPath, StringComparison.OrdinalIgnoreCase)) framers += " " + entraOrigin;
        return $"default-src 'none'; {script}style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors {framers}";
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(Scheme);
        return Results.Redirect("/console/signin");
    }

    /// <summary>Who a signed-in person is, as the bot knows people: their Teams id and Azure AD object id.</summary>
    public static UserRef? PersonOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated != true ? null
        : new UserRef(Channels.Teams, user.FindFirstValue(TeamsIdClaim) ?? user.FindFirstValue(ObjectIdClaim) ?? "",
            user.Identity.Name ?? "a coordinator", user.FindFirstValue(ObjectIdClaim));

    /// <summary>The local sign-in is for a developer's own machine: Development, a loopback peer, no proxy in between.</summary>
    /// <summary>Where a sign-in may send someone back to: a path on this console, never elsewhere.</summary>
    public static string SafeReturn(string? back) =>
        back is { } path && path.StartsWith("/console", StringComparison.Ordinal) && !path.StartsWith("//", StringComparison.Ordinal) && !path.Contains('\\') ? path : "/console";

    public static bool LocalSignInAllowed(HttpContext context, IHostEnvironment environment) =>
        environment.IsDevelopment() && context.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");
}

internal sealed class CoordinatorRequirement : IAuthorizationRequirement;

/// <summary>
/// A coordinator is whoever Program:Coordinators names, by Teams id or Azure AD object id, or (signed in with Entra)
/// holds the app role Console:CoordinatorRole names in the id_token's roles claim.
/// </summary>
internal sealed class CoordinatorHandler(ProgramSettings program, IOptions<ConsoleSettings> console) : AuthorizationHandler<CoordinatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CoordinatorRequirement requirement)
    {
        if (ConsoleSetup.PersonOf(context.User) is { Id.Length: > 0 } person && (program.IsCoordinator(person) || HoldsTheRole(context.User)))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    private bool HoldsTheRole(ClaimsPrincipal user) =>
        console.Value.CoordinatorRole is { Length: > 0 } role && user.HasClaim(c => c.Type == ConsoleEntra.RoleClaim && string.Equals(c.Value, role, StringComparison.Ordinal));
}
