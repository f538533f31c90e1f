using System.Security.Cryptography;
using System.Text;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// The "Metrics" section. /metrics carries support counts and ages, and /readyz's details name the store, so
/// neither is for the public ingress: a scraper presents <see cref="Token"/> as a bearer token, or scrapes a
/// separate <see cref="Port"/> that the ingress does not expose. With neither, /metrics answers only in Development.
/// </summary>
internal sealed class MetricsSettings
{
    public const string SectionName = "Metrics";

    /// <summary>A shared secret for the scraper (Authorization: Bearer …), 16 characters or more.</summary>
    public string? Token { get; set; }

    /// <summary>A port of its own for /metrics, /healthz and /readyz (nothing else is served there).</summary>
    public int? Port { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Token is { } token && token.Trim().Length < 16) problems.Add("Metrics:Token must be at least 16 characters (for example: openssl rand -hex 24).");
        if (Port is < 1 or > 65535) problems.Add("Metrics:Port must be a TCP port between 1 and 65535.");
        return problems;
    }
}

/// <summary>Who may read the operational endpoints' details: the metrics port, the metrics token, or a Development machine.</summary>
internal static class OperationsAccess
{
    private static readonly string[] OperationalPaths = ["/metrics", "/healthz", "/readyz"];

    public static bool OnMetricsPort(HttpContext http, MetricsSettings metrics) => metrics.Port is { } port && http.Connection.LocalPort == port;

    /// <summary>Whether this request may read /metrics and the details of /readyz.</summary>
    public static bool MayReadDetails(HttpContext http, MetricsSettings metrics, IHostEnvironment environment)
    {
        if (OnMetricsPort(http, metrics)) return true;
        if (metrics.Token is { Length: > 0 } token) return HasBearer(http, token);
        return metrics.Port is null && environment.IsDevelopment();
    }

    /// <summary>A fixed-time comparison of the presented bearer token with the configured one.</summary>
    private static bool HasBearer(HttpContext http, string token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim())));
    }

    /// <summary>
    /// Before the endpoints: /metrics for those who may read it (else 404, as if absent); on the metrics port, only
    /// the operational endpoints.
    /// </summary>
    public static WebApplication UseOperationsAccess(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var metrics = http.RequestServices.GetRequiredService<MetricsSettings>();
            var environment = http.RequestServices.GetRequiredService<IHostEnvironment>();
            var path = http.Request.Path;
            var operational = OperationalPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase));
            if ((OnMetricsPort(http, metrics) && !operational)
                || (path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase) && !MayReadDetails(http, metrics, environment)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http).ConfigureAwait(false);
        });
        return app;
    }

    /// <summary>The URLs to listen on with the metrics port added (on loopback when the bot itself listens on loopback only).</summary>
    public static IReadOnlyList<string> WithMetricsPort(IReadOnlyList<string> urls, int port)
    {
        var host = urls.All(WellnessBot.Bot.Teams.EdgeSettings.IsLoopbackUrl) ? "127.0.0.1" : "+";
        return [.. urls, $"http://{host}:{port}"];
    }
}
