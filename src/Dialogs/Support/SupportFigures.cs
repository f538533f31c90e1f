
namespace WellnessBot.Dialogs.Support;

/// <summary>A month's anonymous figures for coordinators: counts and times only, never names.</summary>
public sealed record SupportFigures(Month Month, int Requests, IReadOnlyDictionary<SupportTier, int> ByTier, TimeSpan? MedianToAcceptance,
    int Accepted, int Escalated, int Cancelled, int Urgent)
{
    public static SupportFigures For(Month month, IEnumerable<SupportRequest> all, TimeZoneInfo zone)
    {
        var inMonth = all.Where(r => Month.Of(r.CreatedAt, zone) == month).ToList();
        var waits = inMonth.Where(r => r.AcceptedAt is not null).Select(r => r.AcceptedAt!.Value - r.CreatedAt).Order().ToList();
        TimeSpan? median = waits.Count == 0 ? null
            : waits.Count % 2 == 1 ? waits[waits.Count / 2]
            : (waits[waits.Count / 2 - 1] + waits[waits.Count / 2]) / 2;
        return new SupportFigures(month, inMonth.Count,
            Enum.GetValues<SupportTier>().ToDictionary(t => t, t => inMonth.Count(r => r.Tier == t)),
            median, waits.Count, inMonth.Count(r => r.Status == SupportStatus.Escalated || r.EscalatedTo is not null),
            inMonth.Count(r => r.Status == SupportStatus.Cancelled), inMonth.Count(r => r.Urgent));
    }

    public string ToText()
    {
        var title = Month.Title;
        var median = MedianToAcceptance is { } m ? (m.TotalMinutes < 90 ? $"{m.TotalMinutes:0} min" : $"{m.TotalHours:0.#} h") : "—";
        return $"**H3 figures for {title}** (anonymous)\n\n" +
               $"- Requests: {Requests} ({Urgent} urgent)\n" +
               $"- By tier: local {ByTier[SupportTier.Local]}, peer supporter {ByTier[SupportTier.PeerSupporter]}, expedited referral {ByTier[SupportTier.Expedited]}, not sure {ByTier[SupportTier.NotSure]}\n" +
               $"- Accepted by a peer supporter: {Accepted}; median time to first acceptance: {median}\n" +
               $"- Escalated to a coordinator: {Escalated}\n" +
               $"- Withdrawn by the requester: {Cancelled}";
    }
}
