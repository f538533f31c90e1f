using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Engine;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// Reads the console's open months (this one and last) and the kudos figures ahead, soon after start and then every
/// <see cref="Every"/>, behind what the pages are shown: no page is then the one that waits for a big month's read
/// (half a second at 50,000 kudos; a few milliseconds for a month of a real program's few hundred).
/// </summary>
internal sealed partial class ConsoleWarmer(ConsoleMonths months, ConsoleFigures figures, ProgramSettings program, TimeProvider clock, ILogger<ConsoleWarmer> logger)
    : BackgroundService
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(2), Every = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(First, clock, stoppingToken).ConfigureAwait(false); // after start-up's own work
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            var thisMonth = Month.Of(clock.GetUtcNow(), program.Zone);
            try
            {
                await months.WarmAsync(thisMonth).ConfigureAwait(false);
                await figures.WarmAsync(thisMonth, Pages.KudosOverview.Months).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                WarmFailed(logger, ex.GetType().Name); // the pages read them themselves
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Console: the open months could not be read ahead ({Exception}); pages read them themselves")]
    private static partial void WarmFailed(ILogger logger, string exception);
}
