using Microsoft.Extensions.Diagnostics.HealthChecks;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>Healthy when the configured table store answers a trivial request.</summary>
internal sealed class StoreHealthCheck(ITableStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await store.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        if (health.IsHealthy)
            return HealthCheckResult.Healthy(health.Description, new Dictionary<string, object> { ["provider"] = store.ProviderName });
        logger.HealthCheckFailed("store", health.Description);
        return HealthCheckResult.Unhealthy(health.Description, data: new Dictionary<string, object> { ["provider"] = store.ProviderName });
    }
}
