using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using WellnessBot.Bot.Slack;
using WellnessBot.Bot.Teams;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// Ready for real traffic only with channel credentials: Bot Framework authentication on (a MicrosoftAppId), or
/// Slack configured. Without either, the bot serves loopback callers only, which is right for local development
/// and wrong anywhere else.
/// </summary>
internal sealed class CredentialsHealthCheck(IOptions<BotFrameworkOptions> bot, SlackOptions slack, IHostEnvironment environment) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var channels = new List<string>();
        if (bot.Value.AuthenticationEnabled) channels.Add($"Teams (Bot Framework, {bot.Value.MicrosoftAppType})");
        if (slack.Enabled) channels.Add("Slack");
        if (channels.Count > 0) return Task.FromResult(HealthCheckResult.Healthy("Credentials configured: " + string.Join(", ", channels) + "."));
        return Task.FromResult(environment.IsDevelopment()
            ? HealthCheckResult.Healthy("No channel credentials: local development only (loopback callers).")
            : HealthCheckResult.Unhealthy("No channel credentials: set MicrosoftAppId (and its password or managed identity) for Teams, or Slack:BotToken and Slack:SigningSecret."));
    }
}
