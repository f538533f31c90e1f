using WellnessBot.Dialogs.Resources;

namespace WellnessBot.Bot.Scheduling;

/// <summary>
/// Checks the resource catalog file every Resources:ReloadCheckSeconds: an edit is in use within seconds, without a
/// restart; a broken edit is rejected (the last good catalog stays) and the coordinators are told what to fix.
/// Polling the content hash works on every file system and with editors that replace files on save.
/// </summary>
internal sealed partial class CatalogReloadJob(CatalogSync sync, ResourceSettings settings, ILogger<CatalogReloadJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.ReloadCheckSeconds));
        // At once, then on every tick: the stored catalog (a coordinator's edit on any instance) within seconds.
        for (var first = true; first || await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false); first = false)
        {
            try
            {
                await sync.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Error, Message = "Catalog check failed ({Exception}); it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, string exception);
}
