using System.Text.RegularExpressions;
using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Safety;

public enum SafetySignal { None, Distress, Crisis }

/// <summary>The "Safety" configuration section: extra crisis phrases a program wants recognised.</summary>
public sealed class SafetySettings
{
    public const string SectionName = "Safety";

    /// <summary>Extra phrases (matched as whole words, any case) that get the crisis reply, on top of the defaults.</summary>
    public List<string> CrisisPhrases { get; set; } = [];
}

/// <summary>
/// Looks at every message for crisis wording (self-harm or suicide, said about oneself) and for everyday distress
/// ("this pager is killing me"). Crisis gets an immediate private reply with real help; distress gets a gentle
/// offer. It is deliberately simple and transparent (the lists are in README): the bot is not a crisis service,
/// never diagnoses, and never argues. Clinical talk about patients ("the patient is suicidal") is not a crisis
/// of the person typing.
/// </summary>
public sealed partial class SafetyNet
{
    /// <summary>First-person crisis wording. Kept narrow on purpose; a false alarm in the middle of a kudos erodes trust.</summary>
    public static readonly IReadOnlyList<string> DefaultCrisisPatterns =
    [
        @"\bkill(ing)? myself\b",
        @"\bend(ing)? (my|it all|my own) li(fe|ves)\b",
        @"\bend it all\b",
        @"\btake my (own )?life\b",
        @"\b(i|i'm|im|i am|i've been|ive been) (so |really |just )?(want(ing)? to|wanna|going to|gonna|thinking (about|of)) (die|dying|be dead|suicide|killing myself)\b",
        @"\bi (want|wanna) to die\b",
        @"\bi (wish|want) i (was|were) dead\b",
        @"\bbetter off dead\b",
        @"\b(i'm|im|i am|i feel|feeling|i've been feeling|i have been feeling) (so |really |very )?suicidal\b",
        @"\b(i|i'm|im|i've|ive|i am|i have|my)\b[^.!?]{0,25}\bsuicidal (thoughts|ideation|feelings)\b",
        @"\b(i|i've|ive|i have) (been )?(thinking|thought) (about|of) suicide\b",
        @"\b(hurt|harm|cut)(ing)? myself\b",
        @"\b(i|i'm|im|i've|ive|i am|i have|my)\b[^.!?]{0,25}\bself[- ]?harm(ing)?\b",
        @"\bno reason to (live|go on|keep going)\b",
        @"\b(i )?(can't|cant|cannot) go on\b",
        @"\b(don't|dont|do not) want to (live|be alive|be here anymore|wake up)\b",
        @"\bnot worth living\b",
        @"\boverdos(e|ing) on purpose\b",
    ];

    /// <summary>Everyday distress and hyperbole: worth a kind word and an open door, never an alarm.</summary>
    private static readonly Regex DistressWording = DistressPattern();

    private readonly IReadOnlyList<Regex> _crisis;

    public SafetyNet(SafetySettings? settings = null)
    {
        var extra = (settings?.CrisisPhrases ?? []).Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => @"\b" + Regex.Escape(p.Trim()) + @"\b");
        _crisis = DefaultCrisisPatterns.Concat(extra)
            // Linear-time matching by construction: no timeouts to trip under load, no pattern can run away.
            .Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking))
            .ToList();
    }

    public SafetySignal Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return SafetySignal.None;
        var normalised = Normalise(text);
        foreach (var pattern in _crisis)
            if (pattern.IsMatch(normalised)) return SafetySignal.Crisis;
        return DistressWording.IsMatch(normalised) ? SafetySignal.Distress : SafetySignal.None;
    }

    private static string Normalise(string text) =>
        Spaces().Replace(text.Replace('’', '\'').Replace('‘', '\''), " ").Trim();

    /// <summary>The immediate private reply to crisis wording: real numbers first, no questions, no judgement.</summary>
    public static BotMessage CrisisReply() => BotMessage.Show(new Card(CrisisCardKind)
    {
        Title = "You don't have to go through this alone",
        Summary = "If you are in danger call 911. Call or text 988 any time.",
        Body =
        [
            new TextBlock("It sounds like you may be going through something really hard. Please reach out now:"),
            new FactSet(
            [
                new Fact("Emergency", "Call **911**, or go to the nearest emergency department."),
                new Fact("988 Suicide & Crisis Lifeline", "Call or text **988**, any time, day or night."),
                new Fact("Physician Support Line", "**1-888-409-0141**: free and confidential, by volunteer psychiatrists, for physicians and medical students."),
                new Fact("Helping Healers Heal", "Type **support** to ask privately for an expedited referral and a trained peer supporter."),
            ]),
            new TextBlock("I'm a bot, not a crisis service, and this message is private. You matter.", TextStyle.Subtle),
        ],
        Actions =
        [
            new OpenUrlAction("Call 988", new Uri("tel:988")),
            new OpenUrlAction("Text 988", new Uri("sms:988")),
            new OpenUrlAction("Call 911", new Uri("tel:911")),
        ],
    });

    /// <summary>The gentle offer for everyday distress.</summary>
    public static BotMessage DistressReply() => BotMessage.Say(
        "That sounds like a lot to carry. If it would help to talk, type **support** to reach a trained peer supporter privately, " +
        "or **resources** for counseling and other services. And if it's ever more than a rough day, you can call or text **988** any time.");

    public const string CrisisCardKind = "crisis-help";

    [GeneratedRegex(@"\b(killing me|i'm dying|im dying|dying here|dead tired|burn(ed|t)? ?out|exhausted|overwhelmed|drowning|can't do this|cant do this|falling apart|breaking down|at my limit|so stressed|anxious|hopeless|rough (day|night|week|call)|bad (day|night|week|call)|second victim|medical error|adverse event|made a mistake)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DistressPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
