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

    /// <summary>
    /// With Entra sign-in: the app role (its value, as in the id_token's roles claim) that makes someone a coordinator
    /// besides being named in Program:Coordinators. Empty: only Program:Coordinators counts.
    /// </summary>
    public string CoordinatorRole { get; set; } = "Console.Coordinator";
}

internal sealed class LocalPerson
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string AadObjectId { get; set; } = "";
}
