using WellnessBot.Bot.Slack;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>Every HTTP route the host serves, on one screen.</summary>
public static class HealthEndpoints
{
    public const string ReadinessTag = "ready";
    public const string LivenessTag = "live";

    public static WebApplication MapWellnessBotEndpoints(this WebApplication app)
    {
        // Liveness: the process answers (restart it if not). Readiness: the store answers and credentials are
        // configured (send it traffic only then). 200 when every check passes, 503 otherwise; the body names each check.
        app.MapHealthChecks("/healthz", Options(LivenessTag));
        app.MapHealthChecks("/readyz", Options(ReadinessTag));
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapBotFramework();
        app.MapSlack();
        return app;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteJsonAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, JsonOptions, context.RequestAborted);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}
