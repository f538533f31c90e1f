namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>The "Console" configuration section.</summary>
internal sealed class ConsoleSettings
{
    public const string SectionName = "Console";

    /// <summary>
    /// Development only: the people the local sign-in page offers (the Agents Playground's mock people, so that
    /// ./run.sh shows the console at once). Never used outside Development, nor from anywhere but loopback.
    /// </summary>
    public List<LocalPerson> LocalPeople { get; set; } = [];
}

internal sealed class LocalPerson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string AadObjectId { get; set; } = "";
}
