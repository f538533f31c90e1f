namespace WellnessBot.Dialogs.Support;

/// <summary>The "Support" configuration section: Helping Healers Heal routing windows, retention and encryption keys.</summary>
public sealed class SupportSettings
{
    public const string SectionName = "Support";

    /// <summary>How long a peer supporter has to accept before the request moves to the next one.</summary>
    public int OfferWindowMinutes { get; set; } = 120;

    /// <summary>The same window for urgent requests.</summary>
    public int UrgentOfferWindowMinutes { get; set; } = 15;

    /// <summary>Days after a request closes before its details (names, note, contact) are erased; counts remain.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>One gentle check-in with the requester after their supporter closed the request. Off unless a program turns it on.</summary>
    public bool FollowUpEnabled { get; set; }

    public int FollowUpAfterDays { get; set; } = 7;

    /// <summary>
    /// Hours after accepting at which the supporter gets a private reminder, if the request is not yet marked done
    /// (Code Lavender programs check in over the first 72 hours). A comma-separated list (a string, because the
    /// configuration binder would add to a list's defaults rather than replace them); empty: no reminders.
    /// </summary>
    public string ReminderHours { get; set; } = "24,72";

    private List<int> ReminderSchedule => [.. ReminderHours.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(h => int.TryParse(h, System.Globalization.CultureInfo.InvariantCulture, out var hours) ? hours : -1).Order()];

    /// <summary>How often an escalation that reached no coordinator is tried again, until one is reached.</summary>
    public int EscalationRetryMinutes { get; set; } = 5;

    /// <summary>How often each instance looks for due timers (offers running out, purges, check-ins).</summary>
    public int SweepEverySeconds { get; set; } = 30;

    /// <summary>
    /// Encryption keys by key id, each 32 random bytes in base64 (Support__Keys__2026a=…). Old ids stay listed so
    /// older requests remain readable after a rotation; <see cref="CurrentKeyId"/> encrypts everything new.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key id new details are encrypted with; may be left empty when only one key is listed.</summary>
    public string? CurrentKeyId { get; set; }

    public TimeSpan OfferWindow(bool urgent) => TimeSpan.FromMinutes(urgent ? UrgentOfferWindowMinutes : OfferWindowMinutes);

    /// <summary>When the reminder after <paramref name="sent"/> earlier ones is due, counted from acceptance; null when none is left.</summary>
    public TimeSpan? ReminderAfter(int sent) =>
        ReminderSchedule is var hours && sent < hours.Count ? TimeSpan.FromHours(hours[sent]) : null;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (OfferWindowMinutes < 1) problems.Add("Support:OfferWindowMinutes must be at least 1.");
        if (UrgentOfferWindowMinutes < 1) problems.Add("Support:UrgentOfferWindowMinutes must be at least 1.");
        if (RetentionDays < 1) problems.Add("Support:RetentionDays must be at least 1 (details are erased that many days after a request closes).");
        if (FollowUpAfterDays < 1) problems.Add("Support:FollowUpAfterDays must be at least 1.");
        if (ReminderSchedule.Any(h => h is < 1 or > 24 * 30))
            problems.Add("Support:ReminderHours must be whole hours between 1 and 720, separated by commas (for example 24,72).");
        if (EscalationRetryMinutes is < 1 or > 1440) problems.Add("Support:EscalationRetryMinutes must be between 1 and 1440.");
        if (SweepEverySeconds is < 1 or > 3600) problems.Add("Support:SweepEverySeconds must be between 1 and 3600.");
        foreach (var (id, value) in Keys)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Contains(':', StringComparison.Ordinal))
                problems.Add($"Support:Keys: the key id '{id}' must be non-empty and must not contain ':'.");
            if (!IsKey(value))
                problems.Add($"Support:Keys:{id} must be 32 bytes in base64 (for example: openssl rand -base64 32).");
        }
        if (Keys.Count > 1 && string.IsNullOrEmpty(CurrentKeyId))
            problems.Add("Support:CurrentKeyId must name which of the Support:Keys encrypts new requests.");
        if (!string.IsNullOrEmpty(CurrentKeyId) && !Keys.ContainsKey(CurrentKeyId))
            problems.Add($"Support:CurrentKeyId '{CurrentKeyId}' is not one of the Support:Keys.");
        return problems;
    }

    private static bool IsKey(string value)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32;
    }
}
