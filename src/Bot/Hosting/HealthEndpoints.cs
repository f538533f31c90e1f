using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WellnessBot.Bot.Hosting;

/// <summary>The health checks' tags and their JSON answer (routes: <see cref="WellnessBotEndpoints"/>).</summary>
internal static class HealthEndpoints
{
    public const string ReadinessTag = "ready";
    public const string LivenessTag = "live";

    public static HealthCheckOptions Options(string tag) => new()
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
        // Outsiders learn healthy or not; the checks' descriptions (the store's endpoint, the credentials) are for operators.
        var services = context.RequestServices;
        if (!OperationsAccess.MayReadDetails(context, services.GetRequiredService<MetricsSettings>(), services.GetRequiredService<IHostEnvironment>()))
            return JsonSerializer.SerializeAsync(context.Response.Body, new { status = report.Status.ToString() }, JsonOptions, context.RequestAborted);
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
