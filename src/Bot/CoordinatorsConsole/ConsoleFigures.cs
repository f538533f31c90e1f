using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The kudos figures page's months, counted once and kept: a month of 50,000 kudos takes about half a second to read,
/// and the page shows a year. Only the counts are kept, never the kudos. This month and last are read again after
/// <see cref="ConsoleMonths.Fresh"/> (kudos still arrive); older months after <see cref="OldMonthsFresh"/>, since only a
/// coordinator's hiding changes them.
/// </summary>
internal sealed class ConsoleFigures
{
    public static readonly TimeSpan OldMonthsFresh = TimeSpan.FromMinutes(10), OldMonthsUsable = TimeSpan.FromDays(1);
    private readonly RefreshingCache<Month, KudosFigures> _months;
    private readonly KudosStore _kudos;

    public ConsoleFigures(KudosStore kudos, TimeProvider clock)
    {
        _kudos = kudos;
        _months = new RefreshingCache<Month, KudosFigures>(ReadAsync, clock);
        kudos.MonthChanged += _months.MarkStale;
    }

    /// <summary>The figures of <paramref name="count"/> months up to <paramref name="last"/>, oldest first.</summary>
    public async Task<List<KudosFigures>> MonthsAsync(Month last, int count, Month thisMonth)
    {
        var months = Enumerable.Range(0, count).Select(back => last.Plus(back - count + 1)).ToList();
        foreach (var old in _months.Keys.Where(m => m.CompareTo(months[0]) < 0 || m.CompareTo(last) > 0).ToList()) _months.Drop(old);
        return [.. await Task.WhenAll(months.Select(m => m.CompareTo(thisMonth.Previous) >= 0
            ? _months.GetAsync(m, ConsoleMonths.Fresh, ConsoleMonths.Usable)
            : _months.GetAsync(m, OldMonthsFresh, OldMonthsUsable))).ConfigureAwait(false)];
    }

    /// <summary>
    /// Counts this month and last again behind the kept figures; the first time, the whole year. Older months change
    /// only by hiding, and are counted again when the page is opened after <see cref="OldMonthsFresh"/>.
    /// </summary>
    public async Task WarmAsync(Month thisMonth, int months)
    {
        if (!_months.Keys.Any()) await MonthsAsync(thisMonth, months, thisMonth).ConfigureAwait(false);
        await _months.ReadAheadAsync(thisMonth).ConfigureAwait(false);
        await _months.ReadAheadAsync(thisMonth.Previous).ConfigureAwait(false);
    }

    private async Task<KudosFigures> ReadAsync(Month month) => KudosFigures.Of(month, await _kudos.MonthAsync(month, CancellationToken.None).ConfigureAwait(false));
}
