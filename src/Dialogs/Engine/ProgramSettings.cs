namespace WellnessBot.Dialogs.Engine;

/// <summary>The "Program" configuration section: who coordinates the wellness program, and dialog housekeeping.</summary>
public sealed class ProgramSettings
{
    public const string SectionName = "Program";

    /// <summary>The program's name as people know it, used in greetings.</summary>
    public string Name { get; set; } = "Resident Wellness";

    /// <summary>Coordinators' user ids, from any channel (Teams 29:… or AAD object ids, Slack U…).</summary>
    public List<string> Coordinators { get; set; } = [];

    /// <summary>The program's time zone (IANA id): months, schedules and "this month" follow it.</summary>
    public string TimeZone { get; set; } = "America/New_York";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>"This month" for everyone: the month it is now in the program's time zone.</summary>
    public Month ThisMonth(TimeProvider clock) => Month.Of(clock.GetUtcNow(), Zone);

    /// <summary>How long an unfinished dialog waits before it is forgotten.</summary>
    public int DialogExpiryMinutes { get; set; } = 60;

    /// <summary>
    /// Coordinators as people the bot can message: "channel|id" entries as written, Teams "29:…" ids and Slack
    /// "U…"/"W…" ids by their shape. Azure AD object ids identify coordinators for commands but cannot be messaged.
    /// </summary>
    public IReadOnlyList<Turns.UserRef> CoordinatorAddresses() => Coordinators
        .Select(id => id.Split('|', 2) is [var channel, var user] ? new Turns.UserRef(channel, user, "Coordinator")
            : id.StartsWith("29:", StringComparison.Ordinal) ? new Turns.UserRef("msteams", id, "Coordinator")
            : id.Length > 1 && id[0] is 'U' or 'W' && id.All(char.IsLetterOrDigit) && id.ToUpperInvariant() == id ? new Turns.UserRef("slack", id, "Coordinator")
            : null)
        .OfType<Turns.UserRef>()
        .ToList();

    public bool IsCoordinator(Turns.UserRef user) =>
        Coordinators.Any(id => string.Equals(id, user.Id, StringComparison.OrdinalIgnoreCase)
                               || string.Equals(id, user.AadObjectId, StringComparison.OrdinalIgnoreCase)
                               || string.Equals(id, user.Key, StringComparison.OrdinalIgnoreCase));
}
