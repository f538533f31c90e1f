using WellnessBot.Dialogs.Outbox;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Scheduling;

/// <summary>
/// Every instance looks at the outbox every Outbox:LookEverySeconds for messages due another try, and once an hour
/// forgets the records of messages sent long ago. The outbox is in the table store, so a message waiting survives restarts.
/// </summary>
internal sealed partial class OutboxJob(Outbox outbox, OutboxSettings settings, TimeProvider clock, ILogger<OutboxJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.LookEvery, clock);
        var forgetAt = DateTimeOffset.MinValue;
        do
        {
            try
            {
                await outbox.SendDueAsync(stoppingToken).ConfigureAwait(false);
                if (clock.GetUtcNow() >= forgetAt)
                {
                    await outbox.ForgetOldAsync(stoppingToken).ConfigureAwait(false);
                    forgetAt = clock.GetUtcNow().AddHours(1);
                }
            }
            catch (TableStoreException ex)
            {
                LogStoreUnavailable(logger, ex.ErrorCode);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name); // the type only: messages could carry a message's words
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 2411, Level = LogLevel.Warning, Message = "Outbox sweep skipped: the table store is unavailable ({ErrorCode})")]
    private static partial void LogStoreUnavailable(ILogger logger, string errorCode);

    [LoggerMessage(EventId = 2412, Level = LogLevel.Error, Message = "Outbox sweep failed ({Exception}); it runs again at the next tick")]
    private static partial void LogFailed(ILogger logger, string exception);
}
