namespace WellnessBot.Dialogs.Engine;

/// <summary>
/// One line of the route table: the words that start an intent and the dialog that handles it.
/// <see cref="CoordinatorsOnly"/> routes answer everyone else with a polite refusal.
/// </summary>
public sealed record Route(string Command, Type Dialog)
{
    /// <summary>Other ways people say it, matched as whole leading phrases ("peer support", "i need to talk to someone").</summary>
    public IReadOnlyList<string> Phrases { get; init; } = [];

    /// <summary>Phrases count only as the whole message ("thanks", not "thanks for the kudos @Ben").</summary>
    public bool WholeMessageOnly { get; init; }

    public bool CoordinatorsOnly { get; init; }

    /// <summary>Answered even partway through another dialog, which then waits on ("help").</summary>
    public bool WorksMidDialog { get; init; }

    /// <summary>The help card's lines for this route, each for the people it is meant for; none keeps the route out of help.</summary>
    public IReadOnlyList<HelpLine> Help { get; init; } = [];
}

/// <summary>Who may use a command, and so who sees it on the help card.</summary>
public enum Audience { Everyone, PeerSupporters, Coordinators }

/// <summary>One line of the help card: what to type (<see cref="Title"/>, the route's command when null) and what it does.</summary>
public sealed record HelpLine(string Text, Audience For = Audience.Everyone, string? Title = null);

/// <summary>What the safety net's crisis reply is: said first, privately, before anything else the turn does.</summary>
public interface ICrisisResponse
{
    Task RespondAsync(Turns.ITurnContext context, CancellationToken ct);
}

/// <summary>A dialog that answers words no route claimed ("money advice", "I'm burned out"); the route table names one.</summary>
public interface IAnswersPlainWords
{
    /// <summary>True when it had an answer.</summary>
    Task<bool> AnswerPlainWordsAsync(Turns.ITurnContext context, string text, CancellationToken ct);
}
