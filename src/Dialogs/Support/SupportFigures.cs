namespace WellnessBot.Dialogs.Support;

/// <summary>Median and 90th percentile of a set of durations; both null when there are none.</summary>
public sealed record Spread(TimeSpan? Median, TimeSpan? P90, int Count)
{
    public static Spread Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToList();
        return sorted.Count == 0 ? new Spread(null, null, 0) : new Spread(Quantile(sorted, 0.5), Quantile(sorted, 0.9), sorted.Count);
    }

    // Linear between the closest ranks, as spreadsheets' PERCENTILE.INC does, so coordinators can check it by hand.
    private static TimeSpan Quantile(List<TimeSpan> sorted, double q)
    {
        var rank = q * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    public string ToText() => Median is { } m && P90 is { } p ? $"median {Words(m)}, 90% within {Words(p)}" : "—";

    private static string Words(TimeSpan t) =>
        t.TotalMinutes < 90 ? $"{t.TotalMinutes:0} min" : t.TotalHours < 48 ? $"{t.TotalHours:0.#} h" : $"{t.TotalDays:0.#} days";
}

/// <summary>A month's anonymous figures for coordinators: counts and times only, never names.</summary>
public sealed record SupportFigures(Month Month, int Requests, IReadOnlyDictionary<SupportTier, int> ByTier, Spread ToAcceptance,
    Spread AcceptanceToDone, int Escalated, int Cancelled, int Urgent, int Referrals = 0, int EventOutreach = 0, int Declined = 0)
{
    public int Accepted => ToAcceptance.Count;

    public static SupportFigures For(Month month, IEnumerable<SupportRequest> all, TimeZoneInfo zone)
    {
        var inMonth = all.Where(r => Month.Of(r.CreatedAt, zone) == month).ToList();
        var toAcceptance = inMonth.Where(r => r.AcceptedAt is not null).Select(r => r.AcceptedAt!.Value - r.CreatedAt);
        // Done: closed by its supporter or a coordinator after someone accepted (not withdrawn).
        var toDone = inMonth.Where(r => r.Status == SupportStatus.Done && r.AcceptedAt is not null && r.ClosedAt is not null)
            .Select(r => r.ClosedAt!.Value - r.AcceptedAt!.Value);
        return new SupportFigures(month, inMonth.Count,
            Enum.GetValues<SupportTier>().ToDictionary(t => t, t => inMonth.Count(r => r.Tier == t)),
            Spread.Of(toAcceptance), Spread.Of(toDone),
            inMonth.Count(r => r.Status == SupportStatus.Escalated || r.EscalatedTo is not null),
            inMonth.Count(r => r.Status == SupportStatus.Cancelled), inMonth.Count(r => r.Urgent),
            inMonth.Count(r => r.Kind == SupportKind.Referral), inMonth.Count(r => r.Kind == SupportKind.Event), inMonth.Count(r => r.Status == SupportStatus.Declined));
    }

    public string ToText() =>
        $"**H3 figures for {Month.Title}** (anonymous)\n\n" +
        $"- Requests: {Requests} ({Urgent} urgent), of which outreach: {Referrals} referred by a colleague, {EventOutreach} after a difficult event; {Declined} declined (\"thanks, not now\")\n" +
        $"- By tier: local {ByTier[SupportTier.Local]}, peer supporter {ByTier[SupportTier.PeerSupporter]}, expedited referral {ByTier[SupportTier.Expedited]}, not sure {ByTier[SupportTier.NotSure]}\n" +
        $"- Accepted by a peer supporter: {Accepted}; time from request to acceptance: {ToAcceptance.ToText()}\n" +
        $"- Marked done after acceptance: {AcceptanceToDone.Count}; time from acceptance to done: {AcceptanceToDone.ToText()}\n" +
        $"- Escalated to a coordinator: {Escalated}\n" +
        $"- Withdrawn by the requester: {Cancelled}";
}

/// <summary>The open requests now, by where they are and how long ago they were made: counts only, never who or why.</summary>
public sealed record OpenRequestAges(IReadOnlyDictionary<SupportStatus, int[]> ByStatus)
{
    /// <summary>The age bands, youngest first: under an hour, under a day, under a week, older.</summary>
    public static readonly IReadOnlyList<(TimeSpan Under, string Title)> Bands =
        [(TimeSpan.FromHours(1), "under 1 hour"), (TimeSpan.FromDays(1), "1 to 24 hours"), (TimeSpan.FromDays(7), "1 to 7 days"), (TimeSpan.MaxValue, "over a week")];

    public static readonly IReadOnlyList<SupportStatus> OpenStatuses = [SupportStatus.New, SupportStatus.Offered, SupportStatus.Accepted, SupportStatus.Escalated];

    public int Total => ByStatus.Values.Sum(counts => counts.Sum());

    public static OpenRequestAges Of(IEnumerable<SupportRequest> all, DateTimeOffset now)
    {
        var byStatus = OpenStatuses.ToDictionary(s => s, _ => new int[Bands.Count]);
        foreach (var r in all.Where(r => r.IsOpen))
        {
            var age = now - r.CreatedAt;
            var band = 0;
            while (band < Bands.Count - 1 && age >= Bands[band].Under) band++;
            byStatus[r.Status][band]++;
        }
        return new OpenRequestAges(byStatus);
    }
}
