using System.Collections.Concurrent;
using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>A month's kudos as the console shows them: every kudos, the channel post's digest and the breakfast's.</summary>
internal sealed record MonthView(IReadOnlyDictionary<string, KudosRecord> ById, IReadOnlyList<KudosRecord> HiddenFromEverything, MonthlyDigest ChannelPost, MonthlyDigest Breakfast)
{
    // Made once a month view and kept with it: 50,000 shout-outs take longer to write out than a page may take.
    private readonly Lazy<byte[]> _csv = new(() => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(Breakfast.ToCsv())]);
    private readonly Lazy<string> _print = new(() => PrintedDigest.Html(Breakfast));

    /// <summary>The breakfast's shout-outs as a spreadsheet (UTF-8 with its mark, so Excel reads the names right).</summary>
    public byte[] Csv => _csv.Value;

    /// <summary>The breakfast's shout-outs as the printable page's list.</summary>
    public string PrintHtml => _print.Value;
}

/// <summary>
/// The months the console is showing, read and compiled once and kept for a few seconds: a month of 50,000 kudos
/// takes about half a second to read and compile, and a coordinator pages through it. A change made through this
/// process drops the month at once; one made by another instance shows within <see cref="Fresh"/>.
/// </summary>
internal sealed class ConsoleMonths
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<Month, (DateTimeOffset ReadAt, Task<MonthView> View)> _months = new();
    private readonly KudosStore kudos;
    private readonly TimeProvider clock;

    public ConsoleMonths(KudosStore kudos, TimeProvider clock)
    {
        (this.kudos, this.clock) = (kudos, clock);
        kudos.MonthChanged += Changed; // a kudos given or changed through this process shows at once
    }

    public async Task<MonthView> GetAsync(Month month, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_months.TryGetValue(month, out var kept) && now - kept.ReadAt < Fresh && !kept.View.IsFaulted && !kept.View.IsCanceled)
            return await kept.View.ConfigureAwait(false);
        var reading = ReadAsync(month, ct);
        _months[month] = (now, reading);
        if (_months.Count > 4) foreach (var old in _months.Keys.Where(m => m != month).ToList()) _months.TryRemove(old, out _); // only this month and last are open
        return await reading.ConfigureAwait(false);
    }

    public void Changed(Month month) => _months.TryRemove(month, out _);

    private async Task<MonthView> ReadAsync(Month month, CancellationToken ct)
    {
        var all = await kudos.MonthAsync(month, ct).ConfigureAwait(false);
        return new MonthView(all.ToDictionary(k => k.Id, StringComparer.Ordinal), [.. all.Where(k => k.Hidden?.From == HiddenFrom.Everything)],
            MonthlyDigest.Compile(month, all, channelPost: true), MonthlyDigest.Compile(month, all));
    }
}
