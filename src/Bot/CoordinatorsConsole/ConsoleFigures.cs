using System.Collections.Concurrent;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The kudos figures page's months, counted once and kept: a month of 50,000 kudos takes about half a second to read,
/// and the page shows a year. Only the counts are kept, never the kudos. This month and last are read again after
/// <see cref="ConsoleMonths.Fresh"/> (kudos still arrive); older months after <see cref="OldMonthsFresh"/>, since only a
/// coordinator's hiding changes them. A change made through this process drops its month at once.
/// </summary>
internal sealed class ConsoleFigures
{
    public static readonly TimeSpan OldMonthsFresh = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<Month, (DateTimeOffset ReadAt, Task<KudosFigures> Figures)> _months = new();
    private readonly KudosStore _kudos;
    private readonly TimeProvider _clock;

    public ConsoleFigures(KudosStore kudos, TimeProvider clock)
    {
        (_kudos, _clock) = (kudos, clock);
        kudos.MonthChanged += month => _months.TryRemove(month, out _);
    }

    /// <summary>The figures of <paramref name="count"/> months up to <paramref name="last"/>, oldest first.</summary>
    public async Task<List<KudosFigures>> MonthsAsync(Month last, int count, Month thisMonth, CancellationToken ct)
    {
        var months = Enumerable.Range(0, count).Select(back => last.Plus(back - count + 1)).ToList();
        foreach (var old in _months.Keys.Where(m => m.CompareTo(months[0]) < 0 || m.CompareTo(last) > 0).ToList()) _months.TryRemove(old, out _);
        return [.. await Task.WhenAll(months.Select(m => GetAsync(m, thisMonth, ct))).ConfigureAwait(false)];
    }

    private async Task<KudosFigures> GetAsync(Month month, Month thisMonth, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var fresh = month.CompareTo(thisMonth.Previous) >= 0 ? ConsoleMonths.Fresh : OldMonthsFresh;
        if (_months.TryGetValue(month, out var kept) && now - kept.ReadAt < fresh && !kept.Figures.IsFaulted && !kept.Figures.IsCanceled)
            return await kept.Figures.ConfigureAwait(false);
        var reading = ReadAsync(month, ct);
        _months[month] = (now, reading);
        return await reading.ConfigureAwait(false);
    }

    private async Task<KudosFigures> ReadAsync(Month month, CancellationToken ct) => KudosFigures.Of(month, await _kudos.MonthAsync(month, ct).ConfigureAwait(false));
}
