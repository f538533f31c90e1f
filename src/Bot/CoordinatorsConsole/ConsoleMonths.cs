using WellnessBot.Dialogs;
using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>A month's kudos as the console shows them: every kudos, the channel post's digest and the breakfast's.</summary>
internal sealed record MonthView(IReadOnlyList<KudosRecord> All, IReadOnlyDictionary<string, KudosRecord> ById, IReadOnlyList<KudosRecord> HiddenFromEverything, MonthlyDigest ChannelPost, MonthlyDigest Breakfast)
{
    // Made once a month view and kept with it: 50,000 shout-outs take longer to write out than a page may take.
    private readonly Lazy<byte[]> _csv = new(() => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(Breakfast.ToCsv())]);
    private readonly Lazy<string> _print = new(() => PrintedDigest.Html(Breakfast));
    private readonly Lazy<byte[]> _slides = new(() => BreakfastSlides.Write(Breakfast));

    /// <summary>The breakfast's shout-outs as a spreadsheet (UTF-8 with its mark, so Excel reads the names right).</summary>
    public byte[] Csv => _csv.Value;

    /// <summary>The breakfast's shout-outs as the printable page's list.</summary>
    public string PrintHtml => _print.Value;

    /// <summary>The breakfast's slides (.pptx).</summary>
    public byte[] Slides => _slides.Value;

    /// <summary>The same month with one kudos changed (hidden or shown again): compiled again, without reading the month.</summary>
    public MonthView With(Month month, KudosRecord changed)
    {
        if (!ById.ContainsKey(changed.Id)) return this;
        var all = new List<KudosRecord>(All.Count);
        foreach (var k in All) all.Add(k.Id == changed.Id ? changed : k); // the order they were given in stays
        return Of(month, all);
    }

    public static MonthView Of(Month month, List<KudosRecord> all) =>
        new(all, all.ToDictionary(k => k.Id, StringComparer.Ordinal), [.. all.Where(k => k.Hidden?.From == HiddenFrom.Everything)],
            MonthlyDigest.Compile(month, all, channelPost: true), MonthlyDigest.Compile(month, all));
}

/// <summary>
/// The months the console is showing (this month and last), read and compiled once and kept: a month of 50,000 kudos
/// takes about half a second to read and compile, and a coordinator pages through it. A change made in the console
/// shows at once; a kudos given, or a change made by another instance, within <see cref="Fresh"/> of the next view.
/// </summary>
internal sealed class ConsoleMonths
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(10);

    /// <summary>A view older than this is never shown, even while a new read runs (a coordinator back from a break).</summary>
    public static readonly TimeSpan Usable = TimeSpan.FromMinutes(2);

    private readonly RefreshingCache<Month, MonthView> _months;
    private readonly KudosStore _kudos;

    public ConsoleMonths(KudosStore kudos, TimeProvider clock)
    {
        _kudos = kudos;
        _months = new RefreshingCache<Month, MonthView>(ReadAsync, clock);
        kudos.MonthChanged += _months.MarkStale; // a kudos given or changed through this process
    }

    public Task<MonthView> GetAsync(Month month, CancellationToken ct)
    {
        foreach (var old in _months.Keys.Where(m => m.CompareTo(month.Previous) < 0 || m.CompareTo(month.Next) > 0).ToList()) _months.Drop(old); // only this month and last are open
        return _months.GetAsync(month, Fresh, Usable);
    }

    /// <summary>A coordinator changed one kudos here: their next view shows it, compiled again without reading the month.</summary>
    public void Changed(Month month, KudosRecord changed) => _months.Update(month, view => view.With(month, changed));

    /// <summary>
    /// Reads this month and last again behind the kept views, and writes their printable lists, so a coordinator's
    /// next page finds them ready (the spreadsheet and slides are downloads, made when asked for).
    /// </summary>
    public async Task WarmAsync(Month thisMonth)
    {
        foreach (var month in new[] { thisMonth, thisMonth.Previous })
            _ = (await _months.ReadAheadAsync(month).ConfigureAwait(false)).PrintHtml;
    }

    private async Task<MonthView> ReadAsync(Month month) => MonthView.Of(month, await _kudos.MonthAsync(month, CancellationToken.None).ConfigureAwait(false));
}
