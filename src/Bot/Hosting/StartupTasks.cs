using Microsoft.Extensions.Options;
using WellnessBot.Bot.Teams;
using WellnessBot.Dialogs;
using WellnessBot.Storage;

namespace WellnessBot.Bot.Hosting;

/// <summary>
/// At start-up: says how requests are authenticated, and creates the tables the features use. If the store is
/// down the host still starts (/healthz reports it) and table creation is retried in the background.
/// </summary>
internal sealed class StartupTasks(ITableStore store, IOptions<BotFrameworkOptions> bot, WellnessBot.Dialogs.Support.SupportSettings support,
    WellnessBot.Dialogs.Resources.CatalogSource catalog, SettingsSections settings, WellnessBot.Dialogs.Engine.ProgramSettings program, ILogger<StartupTasks> logger) : BackgroundService
{
    private bool _tablesReady;

    /// <summary>Runs before the server takes requests, so the first message never meets a missing table.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bot.Value.AuthenticationEnabled)
            logger.BotAuthentication(bot.Value.MicrosoftAppType);
        else
            logger.BotAuthenticationOff();
        if (program.BareCoordinatorIds().Count is > 0 and var bare)
            logger.BareCoordinatorIds(bare);
        foreach (var section in settings.OnDefaults())
            logger.SettingsOnDefaults(section);
        if (support.Keys.ContainsKey(WellnessBotServices.DevelopmentKeyId))
            logger.SupportKeyThrowaway();
        // A broken catalog at start-up stops the host with every problem named (later edits keep the last good one).
        _ = catalog.Finder;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(TimeSpan.FromSeconds(10)); // a store that does not answer must not hold up start-up
            try { _tablesReady = await TryCreateTablesAsync(bounded.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { _tablesReady = false; }
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromSeconds(2); !_tablesReady && !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromSeconds(Math.Min(60, delay.TotalSeconds * 2)))
        {
            try { await Task.Delay(delay, stoppingToken).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
            _tablesReady = await TryCreateTablesAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryCreateTablesAsync(CancellationToken ct)
    {
        try
        {
            foreach (var table in StorageKeys.AllTables)
                await store.GetTableClient(table).CreateIfNotExistsAsync(ct).ConfigureAwait(false);
            return true;
        }
        catch (TableStoreException ex)
        {
            logger.TablesNotReady(ex.ErrorCode, 2); // the host still starts; /healthz reports the store
            return false;
        }
    }
}
