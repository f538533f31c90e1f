namespace WellnessBot.Dialogs.Outbox;

/// <summary>The "Outbox" configuration section: how long a send is one instance's, how often sends that failed are tried again.</summary>
public sealed class OutboxSettings
{
    public const string SectionName = "Outbox";

    /// <summary>How long a message being sent stays this instance's; after it (the instance died mid-send) another sends it.</summary>
    public int HoldSeconds { get; set; } = 120;

    /// <summary>How often the outbox is looked at for messages due another try.</summary>
    public int LookEverySeconds { get; set; } = 5;

    /// <summary>Tries before a message is given up on: with the back-off (5 s, 20 s, 80 s, … up to an hour apart), about five hours.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Days a sent message's record is kept, so a turn run again does not send it twice.</summary>
    public int KeepSentDays { get; set; } = 7;

    public TimeSpan Hold => TimeSpan.FromSeconds(HoldSeconds);
    public TimeSpan LookEvery => TimeSpan.FromSeconds(LookEverySeconds);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (HoldSeconds is < 2 or > 3600) problems.Add("Outbox:HoldSeconds must be between 2 and 3600.");
        if (LookEverySeconds is < 1 or > 3600) problems.Add("Outbox:LookEverySeconds must be between 1 and 3600.");
        if (MaxAttempts is < 1 or > 100) problems.Add("Outbox:MaxAttempts must be between 1 and 100.");
        if (KeepSentDays is < 1 or > 90) problems.Add("Outbox:KeepSentDays must be between 1 and 90.");
        return problems;
    }

    /// <summary>The wait after the <paramref name="attempts"/>th failed try: 5 s, ×4 each time, at most an hour, ±20% so retries spread out.</summary>
    public static TimeSpan BackOff(int attempts, double jitter)
    {
        var seconds = Math.Min(3600, 5 * Math.Pow(4, Math.Clamp(attempts - 1, 0, 10)));
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Math.Clamp(jitter, 0, 1)));
    }
}
