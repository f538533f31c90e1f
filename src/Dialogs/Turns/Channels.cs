namespace WellnessBot.Dialogs.Turns;

/// <summary>The channels' own names for themselves, as they appear in <see cref="UserRef.Channel"/> and keys.</summary>
public static class Channels
{
    /// <summary>Microsoft Teams, as the Bot Framework names it (other Bot Framework channels keep their own ids).</summary>
    public const string Teams = "msteams";

    public const string Slack = "slack";
}
