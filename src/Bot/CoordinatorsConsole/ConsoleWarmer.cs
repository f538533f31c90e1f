using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// While a coordinator is working in the console (a month's page or the figures opened in the last <see cref="Session"/>),
/// reads this month and last again every <see cref="Every"/>, behind the kept views: a big month's next page is then never
/// the one that waits for the half-second read. Nothing runs for a console nobody opens.
/// </summary>
internal sealed partial class ConsoleWarmer(ConsoleMonths months, ConsoleFigures figures, ProgramSettings program, TimeProvider clock, ILogger<ConsoleWarmer> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1), Session = TimeSpan.FromMinutes(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var thisMonth = Month.Of(clock.GetUtcNow(), program.Zone);
            try
            {
                if (InSession(months.LastUsed)) await months.WarmAsync(thisMonth).ConfigureAwait(false);
                if (InSession(figures.LastUsed)) await figures.WarmAsync(thisMonth).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                WarmFailed(logger, ex.GetType().Name); // the pages read it themselves
            }
        }
    }

    private bool InSession(DateTimeOffset lastUsed) => lastUsed != default && clock.GetUtcNow() - lastUsed <= Session;

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Console: the open months could not be read ahead ({Exception}); pages read them themselves")]
    private static partial void WarmFailed(ILogger logger, string exception);
}
