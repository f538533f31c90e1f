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

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxPerDay is < 1 or > 1_000_000) problems.Add("Kudos:MaxPerDay must be between 1 and 1,000,000.");
        if (MaxRecipients < 1 || MaxRecipients > KudosRecord.MaxRecipients)
            problems.Add($"Kudos:MaxRecipients must be between 1 and {KudosRecord.MaxRecipients}.");
        return problems;
    }
}
