using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
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
        services.AddRazorComponents();
        services.AddSingleton<ConsoleAudit>();
        services.AddSingleton<ConsoleMonths>();
        services.AddSingleton<ConsoleFigures>();
        services.AddSingleton<CatalogEditor>();
        services.AddOptions<ConsoleSettings>().Bind(builder.Configuration.GetSection(ConsoleSettings.SectionName));
        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie.Name = builder.Environment.IsDevelopment() ? "wellnessbot-console" : "__Host-wellnessbot-console";
            o.Cookie.HttpOnly = true;
            // Lax, not Strict: the sign-in's OpenID Connect answer comes back from Entra as a cross-site request.
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = "/console/signin";
            o.AccessDeniedPath = "/console/forbidden";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(CoordinatorsPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new CoordinatorRequirement()));
        services.AddSingleton<IAuthorizationHandler, CoordinatorHandler>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = builder.Environment.IsDevelopment() ? "wellnessbot-console-af" : "__Host-wellnessbot-console-af";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        return builder;
    }

    public static WebApplication MapCoordinatorsConsole(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/console"), console => console.Use(async (context, next) =>
        {
            // Nothing on these pages is meant to run or load from elsewhere; only Teams may frame them (the tab).
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; " +
                "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer"; // (pages with a form are no-store through antiforgery; downloads say so themselves)
            await next(context);
        }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGet("/console/console.css", () => Results.Text(ConsoleStyles.Css, "text/css"));
        app.MapRazorComponents<ConsoleApp>();
        app.MapConsoleDigest();
        app.MapConsoleResources();
        app.MapConsoleSupporters();
        app.MapPost("/console/signout", (Delegate)SignOutAsync).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        return app;
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
    public static bool LocalSignInAllowed(HttpContext context, IHostEnvironment environment) =>
        environment.IsDevelopment() && context.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For") && !context.Request.Headers.ContainsKey("Forwarded");
}

internal sealed class CoordinatorRequirement : IAuthorizationRequirement;

/// <summary>A coordinator is whoever Program:Coordinators names, by Teams id or Azure AD object id.</summary>
internal sealed class CoordinatorHandler(ProgramSettings program) : AuthorizationHandler<CoordinatorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CoordinatorRequirement requirement)
    {
        if (ConsoleSetup.PersonOf(context.User) is { Id.Length: > 0 } person && program.IsCoordinator(person)) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
