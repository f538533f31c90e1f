using Microsoft.Extensions.Options;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// At start-up: says how requests are authenticated, and creates the tables the features use. If the store is
/// down the host still starts (/healthz reports it) and table creation is retried in the background.
/// </summary>
internal sealed class StartupTasks(ITableStore store, IOptions<BotFrameworkOptions> bot, ILogger<StartupTasks> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (bot.Value.AuthenticationEnabled)
            logger.BotAuthentication(bot.Value.MicrosoftAppType);
        else
            logger.BotAuthenticationOff();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(2); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2)))
        {
            try
            {
                foreach (var table in StorageKeys.AllTables)
                    await store.GetTableClient(table).CreateIfNotExistsAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (TableStoreException ex)
            {
                logger.TablesNotReady(ex.ErrorCode, delay.TotalSeconds);
            }
            try { await Task.Delay(delay, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }
}
