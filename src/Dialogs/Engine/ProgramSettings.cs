namespace WellnessBot.Dialogs.Engine;

/// <summary>The "Program" configuration section: who coordinates the wellness program, and dialog housekeeping.</summary>
public sealed class ProgramSettings
{
    public const string SectionName = "Program";

    /// <summary>The program's name as people know it, used in greetings.</summary>
    public string Name { get; set; } = "Resident Wellness";

    /// <summary>
    /// Coordinators, each tied to its channel: <c>msteams:29:…</c>, <c>aad:&lt;object id&gt;</c> (Teams sign-ins only),
    /// <c>slack:U…</c>. A bare id (29:…, an object id, U…) is still read, from any channel, with a start-up warning.
    /// </summary>
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

    /// <summary>Coordinators as people the bot can message: Teams and Slack ids. Azure AD object ids identify coordinators for commands but cannot be messaged.</summary>
    public IReadOnlyList<Turns.UserRef> CoordinatorAddresses() => Coordinators
        .Select(CoordinatorId.Parse)
        .Select(c => c.Channel is { } channel ? new Turns.UserRef(channel, c.Id, "Coordinator")
            : c.Aad ? null
            : c.Id.StartsWith("29:", StringComparison.Ordinal) ? new Turns.UserRef(Turns.Channels.Teams, c.Id, "Coordinator")
            : c.Id.Length > 1 && c.Id[0] is 'U' or 'W' && c.Id.All(char.IsLetterOrDigit) && c.Id.ToUpperInvariant() == c.Id ? new Turns.UserRef(Turns.Channels.Slack, c.Id, "Coordinator")
            : null)
        .OfType<Turns.UserRef>()
        .ToList();

    /// <summary>The entries not tied to a channel (read from any channel, as before): start-up names them.</summary>
    public IReadOnlyList<string> BareCoordinatorIds() =>
        Coordinators.Where(id => !string.IsNullOrWhiteSpace(id) && CoordinatorId.Parse(id) is { Channel: null, Aad: false }).ToList();

    /// <summary>Problems a person can fix, each naming the setting; empty when the section is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name)) problems.Add("Program:Name must not be empty: it is how the bot greets people.");
        if (!ZoneExists(TimeZone))
            problems.Add($"Program:TimeZone '{TimeZone}' is not a time zone this machine knows; use an IANA id such as America/New_York or America/Chicago.");
        if (DialogExpiryMinutes is < 1 or > 7 * 24 * 60)
            problems.Add("Program:DialogExpiryMinutes must be between 1 and 10080 (a week).");
        if (Coordinators.Any(id => string.IsNullOrWhiteSpace(id) || CoordinatorId.Parse(id).Id.Length == 0))
            problems.Add("Program:Coordinators has an empty entry (or a channel with no id after it, such as 'slack:').");
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

    /// <summary>Whether this person, as their channel knows them, is a coordinator.</summary>
    public bool IsCoordinator(Turns.UserRef user) => Coordinators.Select(CoordinatorId.Parse).Any(c => c.Matches(user));

    /// <summary>Whether the person with this id on this channel ("msteams", "slack") is a coordinator.</summary>
    public bool IsCoordinator(string channel, string id) => IsCoordinator(new Turns.UserRef(channel, id, ""));

    /// <summary>Whether a Microsoft Entra sign-in (its object id) is a coordinator's: an <c>aad:</c> entry, or a bare one.</summary>
    public bool IsCoordinatorAadObjectId(string objectId) =>
        objectId.Length > 0 && Coordinators.Select(CoordinatorId.Parse).Any(c => (c.Aad || c.Channel is null) && Same(c.Id, objectId));

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>One Program:Coordinators entry: a channel and an id, an Azure AD object id, or (as before) a bare id.</summary>
    private sealed record CoordinatorId(string? Channel, string Id, bool Aad)
    {
        private static readonly string[] Channels = [Turns.Channels.Teams, Turns.Channels.Slack];

        public static CoordinatorId Parse(string entry)
        {
            entry = entry.Trim();
            if (entry.StartsWith("aad:", StringComparison.OrdinalIgnoreCase)) return new(null, entry[4..].Trim(), true);
            foreach (var channel in Channels)
            {
                if (entry.StartsWith(channel + ":", StringComparison.OrdinalIgnoreCase)) return new(channel, entry[(channel.Length + 1)..].Trim(), false);
                if (entry.StartsWith(channel + "|", StringComparison.OrdinalIgnoreCase)) return new(channel, entry[(channel.Length + 1)..].Trim(), false);
            }
            return new(null, entry, false);
        }

        public bool Matches(Turns.UserRef user) =>
            Aad ? user.Channel == Turns.Channels.Teams && Same(Id, user.AadObjectId)
            : Channel is { } channel ? user.Channel == channel && Same(Id, user.Id)
            : Same(Id, user.Id) || Same(Id, user.AadObjectId) || Same(Id, user.Key);
    }
}
