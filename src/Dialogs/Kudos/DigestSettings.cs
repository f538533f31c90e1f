using System.Globalization;
using System.Text.RegularExpressions;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// The "Digest" configuration section: when the month's digest goes out, in the program's time zone.
/// Either <see cref="Schedule"/> ("first Monday 07:00", "last Friday 16:30", "day 1 08:00"), or breakfast dates
/// (<see cref="BreakfastDates"/>) with <see cref="DaysBefore"/> and <see cref="Time"/>.
/// </summary>
public sealed partial class DigestSettings
{
    public const string SectionName = "Digest";

    public string Schedule { get; set; } = "first Monday 07:00";
    public List<string> BreakfastDates { get; set; } = [];
    public int DaysBefore { get; set; } = 2;
    public string Time { get; set; } = "07:00";

    /// <summary>Posted more than this long after its time, a digest is marked late.</summary>
    public int LateAfterMinutes { get; set; } = 60;

    /// <summary>How often instances check whether a digest is due.</summary>
    public int CheckEverySeconds { get; set; } = 60;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BreakfastDates.Count == 0 && !TryParseSchedule(Schedule, out _))
            problems.Add($"Digest:Schedule '{Schedule}' is not understood; use for example \"first Monday 07:00\", \"last Friday 16:30\" or \"day 1 08:00\".");
        foreach (var date in BreakfastDates)
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                problems.Add($"Digest:BreakfastDates has '{date}'; use yyyy-MM-dd.");
        if (!TimeOnly.TryParseExact(Time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            problems.Add($"Digest:Time '{Time}' is not HH:mm.");
        if (DaysBefore is < 0 or > 27) problems.Add("Digest:DaysBefore must be between 0 and 27.");
        if (LateAfterMinutes < 0) problems.Add("Digest:LateAfterMinutes must not be negative.");
        if (CheckEverySeconds is < 5 or > 3600) problems.Add("Digest:CheckEverySeconds must be between 5 and 3600.");
        return problems;
    }

    private sealed record Rule(int? Ordinal, DayOfWeek? Day, int? DayOfMonth, TimeOnly Time);

    /// <summary>When the digest of the month before <paramref name="postingMonth"/> is due (UTC); null if no breakfast that month.</summary>
    public DateTimeOffset? DueAt(Month postingMonth, TimeZoneInfo zone)
    {
        var first = postingMonth.FirstDay;
        DateOnly day;
        TimeOnly time;
        if (BreakfastDates.Count > 0)
        {
            var breakfasts = BreakfastDates.Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Where(d => d.Year == first.Year && d.Month == first.Month).Order().ToList();
            if (breakfasts.Count == 0) return null;
            day = breakfasts[0].AddDays(-DaysBefore);
            time = TimeOnly.ParseExact(Time, "HH:mm", CultureInfo.InvariantCulture);
        }
        else
        {
            if (!TryParseSchedule(Schedule, out var rule)) return null;
            time = rule.Time;
            day = rule.DayOfMonth is { } dom ? first.AddDays(Math.Min(dom, postingMonth.Days) - 1) : NthWeekday(first, rule.Ordinal!.Value, rule.Day!.Value);
        }
        return ToUtc(day.ToDateTime(time), zone);
    }

    /// <summary>Local time to UTC, across DST changes: a time skipped by spring-forward moves forward by the gap; a repeated one takes the first.</summary>
    public static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var probe = local;
            while (zone.IsInvalidTime(probe)) probe = probe.AddMinutes(15);
            var gap = zone.GetUtcOffset(probe) - zone.GetUtcOffset(local.AddHours(-3));
            local = local + gap;
        }
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static DateOnly NthWeekday(DateOnly first, int ordinal, DayOfWeek day)
    {
        if (ordinal == -1)
        {
            var last = first.AddMonths(1).AddDays(-1);
            while (last.DayOfWeek != day) last = last.AddDays(-1);
            return last;
        }
        var d = first;
        while (d.DayOfWeek != day) d = d.AddDays(1);
        return d.AddDays(7 * (ordinal - 1));
    }

    private static bool TryParseSchedule(string text, out Rule rule)
    {
        rule = null!;
        var m = ScheduleText().Match(text.Trim());
        if (!m.Success || !TimeOnly.TryParseExact(m.Groups["time"].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return false;
        if (m.Groups["dom"].Success)
        {
            var dom = int.Parse(m.Groups["dom"].Value, CultureInfo.InvariantCulture);
            if (dom is < 1 or > 31) return false;
            rule = new Rule(null, null, dom, time);
            return true;
        }
        var ordinal = m.Groups["ord"].Value.ToLowerInvariant() switch
        {
            "first" or "1st" => 1, "second" or "2nd" => 2, "third" or "3rd" => 3, "fourth" or "4th" => 4, "last" => -1, _ => 0,
        };
        if (ordinal == 0 || !Enum.TryParse<DayOfWeek>(m.Groups["day"].Value, ignoreCase: true, out var day)) return false;
        rule = new Rule(ordinal, day, null, time);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?<day>[A-Za-z]+)|day\s+(?<dom>\d{1,2}))\s+(?<time>\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ScheduleText();
}
