using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>Every HTTP route the host serves, on one screen.</summary>
internal static class WellnessBotEndpoints
{
    public static WebApplication MapWellnessBotEndpoints(this WebApplication app)
    {
        // Liveness: the process answers (restart it if not). Readiness: the store answers and credentials are
        // configured (send it traffic only then). 200 when every check passes, 503 otherwise; the body names each check.
        app.MapHealthChecks("/healthz", HealthEndpoints.Options(HealthEndpoints.LivenessTag));
        app.MapHealthChecks("/readyz", HealthEndpoints.Options(HealthEndpoints.ReadinessTag));
        app.MapPrometheusScrapingEndpoint("/metrics");

        // Teams and every Bot Framework channel. Local chat clients probe the endpoint before opening a chat.
        app.MapPost("/api/messages", BotMessagesEndpoint.HandleAsync);
        app.MapMethods("/api/messages", ["HEAD", "GET"], BotMessagesEndpoint.Probe);

        // Slack's three request URLs (404 without Slack settings).
        app.MapPost("/slack/commands", SlackEndpoints.CommandsAsync);
        app.MapPost("/slack/events", SlackEndpoints.EventsAsync);
        app.MapPost("/slack/interactions", SlackEndpoints.InteractionsAsync);
        return app;
    }
}
