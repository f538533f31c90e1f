using WellnessBot.Dialogs.Kudos;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Scheduling;

/// <summary>
/// Every instance checks once a minute whether last month's digest is due; the publisher's lease and ledger in
/// the table store make sure only one of them posts it, once. A digest missed while the bot was down goes out
/// when it comes back, marked late.
/// </summary>
internal sealed partial class MonthlyDigestJob(IServiceScopeFactory scopes, DigestSettings settings, ILogger<MonthlyDigestJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(settings.CheckEverySeconds);
        using var timer = new PeriodicTimer(every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DigestPublisher>().RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (TableStoreException ex)
            {
                LogStoreUnavailable(logger, ex.ErrorCode); // tried again at the next tick
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Digest check skipped: the table store is unavailable ({ErrorCode})")]
    private static partial void LogStoreUnavailable(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Digest check failed ({Exception}); it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, string exception);
}
