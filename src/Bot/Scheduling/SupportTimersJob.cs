using WellnessBot.Dialogs.Support;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Scheduling;

/// <summary>
/// Every instance sweeps the support timers (offers running out, check-ins, purges) every Support:SweepEverySeconds.
/// The timers live in the table store, so they survive restarts; ETag checks make sure one instance acts on each.
/// </summary>
internal sealed partial class SupportTimersJob(SupportTimers timers, SupportSettings settings, ILogger<SupportTimersJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.SweepEverySeconds));
        do
        {
            try
            {
                await timers.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (TableStoreException ex)
            {
                LogStoreUnavailable(logger, ex.ErrorCode);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name); // the type only: messages could carry request details
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Support timer sweep skipped: the table store is unavailable ({ErrorCode})")]
    private static partial void LogStoreUnavailable(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error, Message = "Support timer sweep failed ({Exception}); it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, string exception);
}
