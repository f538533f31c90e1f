namespace WellnessBot.Dialogs.Kudos;

/// <summary>
/// The "Kudos" configuration section: per-giver limits, so a trusted bot never becomes a mass-messaging channel
/// ("kudos #anonymous" to 300 people is 300 DMs).
/// </summary>
public sealed class KudosSettings
{
    public const string SectionName = "Kudos";

    /// <summary>Kudos one person may give in any 24 hours.</summary>
    public int MaxPerDay { get; set; } = 20;

    /// <summary>Colleagues one kudos may name (at most <see cref="KudosRecord.MaxRecipients"/>).</summary>
    public int MaxRecipients { get; set; } = 25;

    /// <summary>The Slack emoji (its name, without colons) that gives a kudos when added to a colleague's message.</summary>
    public string ReactionEmoji { get; set; } = "clap";

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ReactionEmoji is not { Length: > 0 and <= 100 } || !ReactionEmoji.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '+' or '\''))
            problems.Add("Kudos:ReactionEmoji must be a Slack emoji name without colons, such as clap.");
        if (MaxPerDay is < 1 or > 1_000_000) problems.Add("Kudos:MaxPerDay must be between 1 and 1,000,000.");
        if (MaxRecipients < 1 || MaxRecipients > KudosRecord.MaxRecipients)
            problems.Add($"Kudos:MaxRecipients must be between 1 and {KudosRecord.MaxRecipients}.");
        return problems;
    }
}
