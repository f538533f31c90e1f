using System.Globalization;
using System.Text;
using WellnessBot.Dialogs.Messages;
using WellnessBot.Dialogs.Turns;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// A month's shout-outs, compiled for the program channel (cards) and for the coordinators' breakfast (an
/// ordered list to read aloud). Large months are split into several messages; nothing is ever cut.
/// </summary>
public sealed record MonthlyDigest(Month Month, IReadOnlyList<MonthlyDigest.Recipient> Recipients, int KudosCount, IReadOnlyDictionary<KudosCategory, int> Categories)
{
    public const string CardKind = "digest";

    /// <summary>Text a card or breakfast message holds before the next part starts: well inside Teams' 28 KB and Slack's limits.</summary>
    public const int PartBudget = 9_000;

    public sealed record Entry(string Message, string From, bool SelfHighlight, KudosCategory Category, DateTimeOffset GivenAt)
    {
        /// <summary>The kudos it comes from (for the console's hide and show).</summary>
        public string KudosId { get; init; } = "";
    }
    public sealed record Recipient(UserRef Person, IReadOnlyList<Entry> Entries);

    public bool IsEmpty => KudosCount == 0;
    public string Title => Month.Title;

    /// <summary>
    /// The month's digest for the channel post (<paramref name="channelPost"/>) or for the breakfast read-aloud and
    /// slides: what the givers kept back, and what coordinators hid from it, left out.
    /// </summary>
    public static MonthlyDigest Compile(Month month, IReadOnlyList<KudosRecord> kudos, bool channelPost = false)
    {
        if (kudos.Any(k => k.NotForBreakfast || !k.IsShownIn(channelPost)))
            kudos = [.. kudos.Where(k => !k.NotForBreakfast && k.IsShownIn(channelPost))]; // the giver chose (only the colleague hears of it), or a coordinator
        var byRecipient = new Dictionary<string, (UserRef Person, List<Entry> Entries)>(StringComparer.Ordinal);
        var categories = new Dictionary<KudosCategory, int>();
        foreach (var k in kudos.OrderBy(k => k.GivenAt))
        {
            if (k.Category != KudosCategory.None) categories[k.Category] = categories.GetValueOrDefault(k.Category) + 1;
            foreach (var person in k.Recipients)
            {
                if (!byRecipient.TryGetValue(person.Key, out var slot))
                    byRecipient[person.Key] = slot = (person, []);
                var self = person.Key == k.Giver.Key;
                slot.Entries.Add(new Entry(k.Message, self ? "themselves" : k.Anonymous ? "anonymous" : k.Giver.Name, self, k.Category, k.GivenAt) { KudosId = k.Id });
            }
        }
        var recipients = byRecipient.Values
            .OrderByDescending(r => r.Entries.Count).ThenBy(r => r.Person.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new Recipient(r.Person, r.Entries)).ToList();
        return new MonthlyDigest(month, recipients, kudos.Count, categories);
    }

    /// <summary>The program channel's version: one or more cards, each a run of recipients.</summary>
    public IReadOnlyList<BotMessage> ForChannel(bool late)
    {
        if (IsEmpty)
            return [BotMessage.Show(new Card(CardKind)
            {
                Title = $"Shout-outs for {Title}",
                Summary = $"No kudos in {Title}",
                Body =
                [
                    .. LateNote(late),
                    new TextBlock($"No shout-outs were recorded in {Title}. Know someone who made a difference, or did something you're proud of? " +
                                  "Type **kudos @name thanks for…** (or **kudos me …**) and it'll be read at next month's breakfast. Even the little things count!"),
                ],
            })];

        var parts = Paginate(Recipients.Select(r => (Heading: $"{r.Person.Name} ({r.Entries.Count})", Lines: r.Entries.Select(EntryLine).ToList())));
        return parts.Select((part, i) => BotMessage.Show(new Card(CardKind)
        {
            Title = $"🎉 Shout-outs for {Title}{PartSuffix(i, parts.Count)}",
            Summary = $"{KudosCount} shout-outs for {Recipients.Count} people in {Title}",
            Body =
            [
                .. i == 0 ? [.. LateNote(late), new TextBlock(Totals())] : Array.Empty<CardElement>(),
                .. part.SelectMany(b => new CardElement[] { new TextBlock(b.Heading, TextStyle.Heading), new TextBlock(string.Join("\n\n", b.Lines)) }),
            ],
        })).ToList();
    }

    /// <summary>The coordinators' breakfast version: a numbered list to read aloud, in as many messages as it takes.</summary>
    public IReadOnlyList<BotMessage> ForBreakfast(bool late)
    {
        if (IsEmpty)
            return [BotMessage.Say($"**Breakfast shout-outs for {Title}**\n\nNo kudos were given in {Title}. A gentle reminder at the breakfast that anyone can type **kudos @name …** may help next month.")];

        var parts = Paginate(Recipients.Select((r, i) => (
            Heading: $"{i + 1}. **{r.Person.Name}**: {r.Entries.Count} shout-out{(r.Entries.Count == 1 ? "" : "s")}",
            Lines: r.Entries.Select(e => "   - " + EntryLine(e)).ToList())));
        return parts.Select((part, i) => BotMessage.Say(
            (i == 0 ? $"**Breakfast shout-outs for {Title}**{(late ? " (posted late)" : "")}\n\n{Totals()}\n\n" : $"**Breakfast shout-outs for {Title}{PartSuffix(i, parts.Count)}**\n\n")
            + string.Concat(part.Select(b => b.Heading + "\n" + string.Join("\n", b.Lines) + "\n")))).ToList();
    }

    /// <summary>CSV for slides: one row per recipient and kudos.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("Month,Recipient,Message,From,Category,SelfHighlight,GivenAt\n");
        foreach (var r in Recipients)
            foreach (var e in r.Entries)
                sb.AppendJoin(',', Month, Csv(r.Person.Name), Csv(e.Message), Csv(e.From), KudosCategories.Title(e.Category),
                    e.SelfHighlight ? "yes" : "no", e.GivenAt.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    private string Totals()
    {
        var text = $"{KudosCount} shout-out{(KudosCount == 1 ? "" : "s")} for {Recipients.Count} {(Recipients.Count == 1 ? "person" : "people")}.";
        if (Categories.Count > 0)
            text += " " + string.Join(", ", Categories.OrderByDescending(c => c.Value).Select(c => $"{KudosCategories.Title(c.Key)}: {c.Value}")) + ".";
        return text;
    }

    private static string EntryLine(Entry e) =>
        $"“{e.Message}” — {(e.SelfHighlight ? "self-highlight ✨" : e.From)}{(e.Category == KudosCategory.None ? "" : $" · {KudosCategories.Title(e.Category)}")}";

    private static IReadOnlyList<CardElement> LateNote(bool late) =>
        late ? [new TextBlock("Posted late: I was unavailable at the scheduled time. Sorry for the wait!", TextStyle.Subtle)] : [];

    private static string PartSuffix(int index, int count) => count == 1 ? "" : $" (part {index + 1} of {count})";

    /// <summary>
    /// Groups headed runs of lines into parts of at most <see cref="PartBudget"/> characters. A run that does not fit
    /// continues in the next part under its heading marked "(continued)"; no line is ever dropped or cut.
    /// </summary>
    private static List<List<(string Heading, List<string> Lines)>> Paginate(IEnumerable<(string Heading, List<string> Lines)> runs)
    {
        var parts = new List<List<(string Heading, List<string> Lines)>> { new() };
        var used = 0;
        foreach (var (heading, lines) in runs)
        {
            var current = (Heading: heading, Lines: new List<string>());
            if (used > 0 && used + heading.Length + (lines.Count > 0 ? lines[0].Length : 0) > PartBudget) { parts.Add([]); used = 0; }
            parts[^1].Add(current);
            used += heading.Length;
            foreach (var line in lines)
            {
                if (used > 0 && used + line.Length > PartBudget && current.Lines.Count > 0)
                {
                    current = (heading + " (continued)", []);
                    parts.Add([current]);
                    used = current.Heading.Length;
                }
                current.Lines.Add(line);
                used += line.Length + 2;
            }
        }
        return parts;
    }

    /// <summary>
    /// One CSV field, safe to open in a spreadsheet: a value starting like a formula (=, +, -, @, tab, return) is
    /// kept as text with a leading apostrophe (OWASP's advice on CSV injection), and quoted where it must be.
    /// </summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
