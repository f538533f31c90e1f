using WellnessBot.Dialogs.Turns;
using WellnessBot.Storage;

namespace WellnessBot.Dialogs.Kudos;

/// <summary>The kinds of recognition the program celebrates; stored by name.</summary>
public enum KudosCategory { None, PatientCare, Teamwork, Teaching, ExtraMile, LittleThings }

public static class KudosCategories
{
    public static readonly IReadOnlyList<(KudosCategory Category, string Title, string Tag)> All =
    [
        (KudosCategory.PatientCare, "Patient care", "patientcare"),
        (KudosCategory.Teamwork, "Teamwork", "teamwork"),
        (KudosCategory.Teaching, "Teaching", "teaching"),
        (KudosCategory.ExtraMile, "Going the extra mile", "extramile"),
        (KudosCategory.LittleThings, "The little things", "littlethings"),
    ];

    public static string Title(KudosCategory category) => All.FirstOrDefault(c => c.Category == category).Title ?? "";

    public static KudosCategory Parse(string? value) =>
        Enum.TryParse<KudosCategory>(value, ignoreCase: true, out var parsed) ? parsed
        : All.FirstOrDefault(c => string.Equals(c.Tag, value, StringComparison.OrdinalIgnoreCase)).Category;
}

/// <summary>One shout-out: who gave it, to whom, what they said, for the month's breakfast.</summary>
public sealed record KudosRecord
{
    public const int MaxMessageLength = 500;

    /// <summary>
    /// The most people one kudos can ever name (a program sets its own limit below this, Kudos:MaxRecipients): more is
    /// a team shout-out, and the program breakfast reads names one by one.
    /// </summary>
    public const int MaxRecipients = 50;

    public required string Id { get; init; }
    /// <summary>"2026-11": the month in the program's time zone when it was given.</summary>
    public required Month Month { get; init; }
    public required UserRef Giver { get; init; }
    public required IReadOnlyList<UserRef> Recipients { get; init; }
    public required string Message { get; init; }
    public KudosCategory Category { get; init; }
    /// <summary>Shown as "anonymous" in the digest (the recipient's note still says it came from a colleague).</summary>
    public bool Anonymous { get; init; }
    /// <summary>"Just tell them": no shout-out in the channel it was given in; the colleague's note and the digest as usual.</summary>
    public bool Quiet { get; init; }
    /// <summary>Kept out of the monthly digest and the breakfast: only the colleague hears of it.</summary>
    public bool NotForBreakfast { get; init; }
    public required DateTimeOffset GivenAt { get; init; }
    public DateTimeOffset? EditedAt { get; init; }
    /// <summary>The giver recognised themselves (the program invites it).</summary>
    public bool IsSelfHighlight => Recipients.Any(r => r.Key == Giver.Key);

    /// <summary>A coordinator kept it from the breakfast, or from everything, and said why; null when it is shown.</summary>
    public KudosHiding? Hidden { get; init; }

    public const int MaxHidingReasonLength = 200;

    /// <summary>Whether it belongs in the channel post (true) or the breakfast read-aloud and slides (false).</summary>
    public bool IsShownIn(bool channelPost) => Hidden is null || (channelPost && Hidden.From == HiddenFrom.Breakfast);

    public KudosRecord HiddenBy(string coordinator, HiddenFrom from, string reason, DateTimeOffset at) =>
        this with { Hidden = new KudosHiding(from, reason.Trim(), coordinator, at) };

    public KudosRecord ShownAgain() => this with { Hidden = null };
}

public enum HiddenFrom { Breakfast, Everything }

/// <summary>Who hid a kudos, from what, when and why (the reason is the coordinator's, never shown to residents).</summary>
public sealed record KudosHiding(HiddenFrom From, string Reason, string By, DateTimeOffset At);

internal static class KudosHidingColumns
{
    public static void Write(TableEntity entity, KudosHiding? hidden)
    {
        if (hidden is null) return;
        entity["HiddenFrom"] = hidden.From.ToString();
        entity["HiddenReason"] = hidden.Reason;
        entity["HiddenBy"] = hidden.By;
        entity["HiddenAt"] = hidden.At;
    }

    public static KudosHiding? Read(TableEntity entity) =>
        Enum.TryParse<HiddenFrom>(entity.GetString("HiddenFrom"), out var from)
            ? new KudosHiding(from, entity.GetString("HiddenReason") ?? "", entity.GetString("HiddenBy") ?? "", entity.GetDateTimeOffset("HiddenAt") ?? default)
            : null;

}
