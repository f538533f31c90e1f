namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// What a word stands for, as the warning-sign patterns use it. A word may stand for several ("dead": dying and
/// an idiom's first word). Patterns name these in capitals: <c>WANT .. DIE</c>.
/// </summary>
[Flags]
internal enum Concepts : ulong
{
    None = 0,

    // Who a clause is about.
    /// <summary>The writer: i, im, ive, id, me, my, myself.</summary>
    Self = 1UL << 0,
    /// <summary>Someone else: he, she, they, the patient, pt, mom, my co-resident, a 16yo.</summary>
    Other = 1UL << 1,
    /// <summary>The writer, named by the words themselves: myself, my life, without me.</summary>
    Reflexive = 1UL << 2,
    /// <summary>Clinical shorthand (pt, hx, s/p, sitter, consult): a subjectless clause near it is about a patient.</summary>
    ChartSpeak = 1UL << 3,
    /// <summary>The subject as a topic: prevention, screening, awareness, training, hotline, policy.</summary>
    Topic = 1UL << 4,
    /// <summary>Someone else's words being reported: says, said, states, told, endorses.</summary>
    Speech = 1UL << 5,
    /// <summary>Words that start a new thought inside a sentence: and, but, so, honestly, tbh.</summary>
    Connector = 1UL << 6,
    /// <summary>Everyone / nobody / the team: who would be better off, who would not notice.</summary>
    Everyone = 1UL << 7,

    // Wanting, intending, negating.
    Want = 1UL << 8,
    Think = 1UL << 9,
    Intend = 1UL << 10,
    Negation = 1UL << 11,
    Could = 1UL << 12,

    // The warning signs' own words.
    Suicide = 1UL << 16,
    Kill = 1UL << 17,
    Die = 1UL << 18,
    Alive = 1UL << 19,
    Harm = 1UL << 20,
    Body = 1UL << 21,
    Pills = 1UL << 22,
    Weapon = 1UL << 23,
    Height = 1UL << 24,
    Vehicle = 1UL << 25,
    Search = 1UL << 26,
    Soon = 1UL << 27,
    Forever = 1UL << 28,
    Burden = 1UL << 29,
    Gone = 1UL << 30,
    Point = 1UL << 31,
    Letters = 1UL << 32,
    Family = 1UL << 33,
    Belongings = 1UL << 34,
    Hopeless = 1UL << 35,
    Pain = 1UL << 36,
    Done = 1UL << 37,
    Sleep = 1UL << 38,
    /// <summary>Something that could happen to the writer and end them: a crash, an accident, a terminal illness.</summary>
    Disaster = 1UL << 39,
    /// <summary>Death or not existing spoken of as welcome: relieved, peaceful, fine, a vacation.</summary>
    Relief = 1UL << 49,
    /// <summary>Ways and means in general: method, methods, means, a way out.</summary>
    Method = 1UL << 50,
    /// <summary>A plan or a decision: plan, decided, ready, set, the date.</summary>
    Decided = 1UL << 51,
    /// <summary>Hoping or praying for something to happen: hope, wish, pray.</summary>
    Hope = 1UL << 52,
    /// <summary>Him, her, them, his, their: someone else, but rarely the subject of what follows ("hugged them", "their voices").</summary>
    ObjectPronoun = 1UL << 53,
    /// <summary>A thing that can be the subject of an idiom: the pager, the EHR, the schedule ("the schedule is suicide").</summary>
    Thing = 1UL << 54,
    /// <summary>If, whether, not sure: what follows is a question, not a statement ("not sure if im safe").</summary>
    Doubt = 1UL << 55,

    // Everyday words that tell an idiom or a clinical story apart.
    Laughter = 1UL << 40,
    Trivial = 1UL << 41,
    Mistake = 1UL << 42,
    Distress = 1UL << 43,
    Moving = 1UL << 44,
    Work = 1UL << 45,
    /// <summary>A number ("12" in "bed 12", "16" in "16 yo").</summary>
    Number = 1UL << 46,
    /// <summary>Where patients are: bed, bay, room. With a number it is clinical shorthand.</summary>
    Place = 1UL << 47,
    /// <summary>He, she, they, him, her, them: someone else, even in the middle of a match ("wants him to die").</summary>
    Pronoun = 1UL << 48,
}
