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

    /// <summary>The zone <see cref="TimeZone"/> names; start-up has checked that it exists (<see cref="Validate"/>).</summary>
    public TimeZoneInfo Zone => _zone is { } zone && zone.Id == TimeZone ? zone : _zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
    private TimeZoneInfo? _zone;

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
            : id.StartsWith("29:", StringComparison.Ordinal) ? new Turns.UserRef(Turns.Channels.Teams, id, "Coordinator")
            : id.Length > 1 && id[0] is 'U' or 'W' && id.All(char.IsLetterOrDigit) && id.ToUpperInvariant() == id ? new Turns.UserRef(Turns.Channels.Slack, id, "Coordinator")
            : null)
        .OfType<Turns.UserRef>()
        .ToList();

    /// <summary>Problems a person can fix, each naming the setting; empty when the section is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("Program:Name must not be empty: it is how the bot greets people.");
        if (!ZoneExists(TimeZone))
            problems.Add($"Program:TimeZone '{TimeZone}' is not a time zone this machine knows; use an IANA id such as America/New_York or America/Chicago.");
        if (DialogExpiryMinutes is < 1 or > 7 * 24 * 60)
            problems.Add("Program:DialogExpiryMinutes must be between 1 and 10080 (a week).");
        if (Coordinators.Any(string.IsNullOrWhiteSpace)) problems.Add("Program:Coordinators has an empty entry.");
        return problems;
    }

    private static bool ZoneExists(string id)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.FindSystemTimeZoneById(id) is not null;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    public bool IsCoordinator(Turns.UserRef user) =>
        Coordinators.Any(id => string.Equals(id, user.Id, StringComparison.OrdinalIgnoreCase)
                               || string.Equals(id, user.AadObjectId, StringComparison.OrdinalIgnoreCase)
                               || string.Equals(id, user.Key, StringComparison.OrdinalIgnoreCase));
}
