using WellnessBot.Dialogs.Kudos;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>
/// The digest page a hundred shout-outs at a time, in read-aloud order: a month of 50,000 kudos is one page of
/// them, not one enormous page. A recipient whose shout-outs run over a page boundary is named on both.
/// </summary>
internal static class DigestPaging
{
    public const int PageSize = 100;

    public sealed record Group(MonthlyDigest.Recipient Recipient, int Number, IReadOnlyList<MonthlyDigest.Entry> Entries);

    public static int Pages(MonthlyDigest digest) => Math.Max(1, (digest.KudosCount + PageSize - 1) / PageSize);

    /// <summary>The recipients and shout-outs of one page (1-based; out of range is the nearest page).</summary>
    public static IReadOnlyList<Group> Page(MonthlyDigest digest, int page)
    {
        var skip = (Math.Clamp(page, 1, Pages(digest)) - 1) * PageSize;
        var groups = new List<Group>();
        var number = 0;
        foreach (var recipient in digest.Recipients)
        {
            number++;
            if (skip >= recipient.Entries.Count) { skip -= recipient.Entries.Count; continue; }
            var room = PageSize - groups.Sum(g => g.Entries.Count);
            if (room <= 0) break;
            groups.Add(new Group(recipient, number, [.. recipient.Entries.Skip(skip).Take(room)]));
            skip = 0;
        }
        return groups;
    }
}
