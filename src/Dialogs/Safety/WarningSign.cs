namespace WellnessBot.Dialogs.Safety;

public enum SafetySignal { None, Distress, Crisis }

/// <summary>
/// The warning signs the safety net looks for, from the public lists: the 988 Suicide &amp; Crisis Lifeline's
/// "Know the signs", AFSP's risk factors and warning signs, NIMH's "Warning Signs of Suicide", and the questions
/// of the Columbia screener (C-SSRS).
/// </summary>
public enum WarningSign
{
    None,
    /// <summary>Suicidal thoughts or intent, in any wording (988, AFSP, NIMH; C-SSRS 2 and 4).</summary>
    SuicidalThoughts,
    /// <summary>A wish to be dead, not to exist or not to wake up (C-SSRS 1).</summary>
    WishToBeDead,
    /// <summary>Hopelessness about living or going on; no reason to live; trapped; unbearable pain (988, AFSP, NIMH).</summary>
    Hopelessness,
    /// <summary>Feeling a burden; others better off without them, or not noticing (988, AFSP, NIMH).</summary>
    Burden,
    /// <summary>A plan, means or timeline: pills, weapons, heights, vehicles, "tonight"; searching for ways (C-SSRS 3, 5, 6; NIMH).</summary>
    PlanOrMeans,
    /// <summary>Self-harm, including a relapse (C-SSRS 6: "cut yourself").</summary>
    SelfHarm,
    /// <summary>Farewells: goodbye notes, giving possessions away, a will, affairs in order (AFSP, NIMH; C-SSRS 6).</summary>
    Farewell,
    /// <summary>No single sign, but the message as a whole reads as a crisis to the statistical check.</summary>
    Overall,
}

/// <summary>What the safety net found in a message: the signal, and for a crisis which warning sign it saw first.</summary>
public readonly record struct SafetyAssessment(SafetySignal Signal, WarningSign Sign = WarningSign.None)
{
    public static SafetyAssessment Nothing => default;
    public bool IsCrisis => Signal == SafetySignal.Crisis;
}

/// <summary>Whose words a pattern's match is taken to be about.</summary>
internal enum Subject
{
    /// <summary>The writer, unless the clause names someone else or reads like a chart ("the patient is suicidal").</summary>
    Writer,
    /// <summary>The words name the writer themselves ("myself", "my life", "without me"); only reported speech moves them.</summary>
    Named,
    /// <summary>
    /// The writer unless someone else is the match's own subject: named just before it ("he gave away his dog") or
    /// inside it. For cues, whose objects are so often other people ("hugged them", "a letter for my mom").
    /// </summary>
    Near,
}

/// <summary>
/// A weak cue: ordinary alone ("the pills are in my bag", "tonight", "I keep thinking about it"), a crisis with a
/// second cue or with the writer's own words about death or suicide in the same message.
/// </summary>
internal enum Cue
{
    /// <summary>Not a cue: the pattern is a warning sign on its own.</summary>
    None,
    /// <summary>Lethal means at hand: pills kept, a gun taken out, standing on a roof.</summary>
    Means,
    /// <summary>A decision or preparation: a plan, a date picked, "havent decided yet", "try again".</summary>
    Intent,
    /// <summary>When: tonight, this weekend, after my last shift.</summary>
    Timeline,
    /// <summary>Thoughts that return: "the thoughts are back", "I think about it every night".</summary>
    Ideation,
    /// <summary>Putting things in order, saying goodbye.</summary>
    Farewell,
    /// <summary>Hiding injuries, "on purpose", "clean for 100 days".</summary>
    SelfHarm,
    /// <summary>Worthlessness or being in the way.</summary>
    Burden,
    /// <summary>An ending without a reason to go on: "I stopped hoping", "wait for it to be over".</summary>
    Hopeless,
}
