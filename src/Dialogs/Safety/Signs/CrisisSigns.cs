namespace WellnessBot.Dialogs.Safety;

/// <summary>A warning sign's wording, as a <see cref="TokenPattern"/>, with whose words it must be to count.</summary>
internal sealed record SignPattern(WarningSign Sign, string Pattern)
{
    /// <summary>Whose words the match must be; cues default to <see cref="Subject.Near"/>.</summary>
    public Subject Subject
    {
        get => _subject ?? (Cue == Cue.None ? Subject.Writer : Subject.Near);
        init => _subject = value;
    }

    private readonly Subject? _subject;

    /// <summary>"not suicidal", "i would never kill myself": a gentle offer instead of the crisis card.</summary>
    public bool Negatable { get; init; }

    /// <summary>A weak cue (see <see cref="Safety.Cue"/>) rather than a warning sign on its own.</summary>
    public Cue Cue { get; init; }

    /// <summary>
    /// Farewell wording that a graduation, a move, a new job, a new baby or a vacation explains ("giving away my
    /// books before I move", "saying goodbye on my last day", "wrote a will now that the baby is here").
    /// </summary>
    public bool UnlessMoving { get; init; }
}

/// <summary>
/// The crisis wording, one file a warning sign, in the words people use (the CONCEPTS are in
/// <see cref="SafetyWords"/>). These are not phrases to match exactly: each line is a shape ("WANT .. DIE") that
/// the vocabulary, its forgiveness of slips and the subject check turn into thousands of phrasings. When in doubt
/// in the first person, a kind false alarm beats a miss.
/// </summary>
internal static class CrisisSigns
{
    public static IReadOnlyList<SignPattern> All { get; } =
    [
        .. SuicidalThoughtsSigns.All, .. WishToBeDeadSigns.All, .. HopelessnessSigns.All, .. BurdenSigns.All,
        .. PlanOrMeansSigns.All, .. SelfHarmSigns.All, .. FarewellSigns.All,
    ];
}
