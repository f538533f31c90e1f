namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// A month's kudos as numbers for coordinators: how many, by category, how many people gave and received, and who
/// was recognised by a colleague (kept as keys only, to count who was not). Kudos hidden from everything are left
/// out, as they are left out of the digest.
/// </summary>
public sealed record KudosFigures(Month Month, int Kudos, IReadOnlyDictionary<KudosCategory, int> ByCategory, int Givers, int Receivers,
    IReadOnlySet<string> RecognisedByAColleague)
{
    /// <summary>A group smaller than this is never counted on a screen: a count of 2 in a small program names people.</summary>
    public const int SmallestGroupShown = 5;

    public static KudosFigures Of(Month month, IEnumerable<KudosRecord> kudos)
    {
        var counted = kudos.Where(k => k.Hidden?.From != HiddenFrom.Everything).ToList();
        var byCategory = Enum.GetValues<KudosCategory>().ToDictionary(c => c, _ => 0);
        foreach (var k in counted) byCategory[k.Category]++;
        var recognised = counted.SelectMany(k => k.Recipients.Where(r => r.Key != k.Giver.Key)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        return new KudosFigures(month, counted.Count, byCategory,
            counted.Select(k => k.Giver.Key).Distinct(StringComparer.Ordinal).Count(),
            counted.SelectMany(k => k.Recipients).Select(r => r.Key).Distinct(StringComparer.Ordinal).Count(),
            recognised);
    }

    /// <summary>
    /// How many of <paramref name="people"/> (by key) no colleague recognised in any of <paramref name="months"/>;
    /// null when that group is smaller than <see cref="SmallestGroupShown"/>, so it is never small enough to point at anyone.
    /// </summary>
    public static int? NotRecognised(IEnumerable<string> people, IEnumerable<KudosFigures> months)
    {
        var recognised = months.SelectMany(m => m.RecognisedByAColleague).ToHashSet(StringComparer.Ordinal);
        var count = people.Distinct(StringComparer.Ordinal).Count(p => !recognised.Contains(p));
        return count >= SmallestGroupShown ? count : null;
    }
}
