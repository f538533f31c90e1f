namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Feeling a burden, or that others would be better off, relieved, or would not notice if the writer were gone
/// (988 Lifeline, AFSP and NIMH warning signs; "perceived burdensomeness" in the interpersonal theory of suicide).
/// "Pill burden" and "the burden of proof" are not this.
/// </summary>
internal static class BurdenSigns
{
    private const WarningSign Sign = WarningSign.Burden;

    public static SignPattern[] All { get; } =
    [
        new(Sign, "better {off of} ..3 without {me you}") { Subject = Subject.Named },
        new(Sign, "better {off of} ..3 {if when} i ..3 {GONE DIE disappeared never out}") { Subject = Subject.Named },
        new(Sign, "{RELIEF off} ..6 {if when} i ..2 {wasnt werent} ..1 {here around alive in}") { Subject = Subject.Named },
        new(Sign, "better off ..1 NEGATION ..4 me") { Subject = Subject.Named },
        new(Sign, "RELIEF ..4 without {me you} !{this next for during while on at}") { Subject = Subject.Named },
        new(Sign, "without me ..2 {in it alive existing around}") { Subject = Subject.Named },
        new(Sign, "RELIEF ..6 {if when} i ..3 {GONE DIE disappeared vanished disappear}") { Subject = Subject.Named },
        new(Sign, "RELIEF ..6 {if when} i ..3 stopped !{by at in to for the}") { Subject = Subject.Named },
        new(Sign, "{if when} i ..3 {GONE DIE disappeared vanished disappear} ..8 {RELIEF notice noticed forget move}") { Subject = Subject.Named },
        new(Sign, "{if when} i ..2 {wasnt werent} ..1 {here around alive} ..8 {RELIEF notice noticed forget move}") { Subject = Subject.Named },
        new(Sign, "{EVERYONE NEGATION} ..3 {notice noticed miss care cared} ..4 {if when} i ..3 {GONE DIE disappeared died}") { Subject = Subject.Named },
        new(Sign, "{EVERYONE NEGATION} ..3 {notice noticed miss care cared} ..4 {if when} i ..3 {left stopped} !{early at for to by in the work}") { Subject = Subject.Named },
        new(Sign, "{EVERYONE NEGATION} ..3 {miss notice} me") { Subject = Subject.Named },
        new(Sign, "{if when} i ..2 {GONE died disappeared} ..6 {EVERYONE NEGATION} ..3 {notice care miss forget}") { Subject = Subject.Named },
        new(Sign, "{if when} i ..2 {wasnt werent} ..1 {here around alive} ..1 {anymore FOREVER}") { Subject = Subject.Named },
        new(Sign, "{if when} i ..2 {GONE dead died disappeared} ..1 for good") { Subject = Subject.Named },
        new(Sign, "GONE for good"),
        new(Sign, "with me {gone dead}") { Subject = Subject.Named },
        new(Sign, "with me ..1 NEGATION ..1 around") { Subject = Subject.Named },
        new(Sign, "BURDEN"),
        new(Sign, "better off with ..3 who isnt me") { Subject = Subject.Named },
        new(Sign, "{EVERYONE NEGATION} ..3 worse off ..3 if i ..3 {GONE DIE}") { Subject = Subject.Named },
        new(Sign, "like not alive"),
        new(Sign, "better off ..3 if ..3 never had me") { Subject = Subject.Named },
        new(Sign, "{EVERYONE NEGATION} ..3 notice ..4 if i ..3 NEGATION make it") { Subject = Subject.Named },
        new(Sign, "{im am feel felt feeling been being just like} ..2 dead weight"), // "this list is dead weight" is about the list
        new(Sign, "one less ..2 like me"),
        new(Sign, "{im i} ..2 {weight anchor} ..2 {holding dragging pulling weighing} ..4 down"),
        new(Sign, "{doing do} ..3 {EVERYONE them world} ..2 a? favor"),
        new(Sign, "favor ..3 by ..2 {disappearing NEGATION dying leaving}"),
        new(Sign, "waste of {space oxygen air}"),
        new(Sign, "by {existing being} alive?") { Subject = Subject.Named },
        new(Sign, "move on ..3 {if when} i ..2 {GONE DIE died}") { Subject = Subject.Named },
        new(Sign, "forget ..2 i ever existed") { Subject = Subject.Named },
        new(Sign, "{free rid} of me ..2 {FOREVER good}") { Subject = Subject.Named },
        new(Sign, "THINK ..2 {about of} NEGATION {being be} here"),
        new(Sign, "{kindest best} thing ..8 NEGATION ..1 be here"),
        new(Sign, "wont have to deal with me ..2 {anymore FOREVER}") { Subject = Subject.Named },
        new(Sign, "{if when} i ..2 {died dead die}") { Cue = Cue.Burden, Subject = Subject.Named },
        new(Sign, "rid of me") { Cue = Cue.Burden, Subject = Subject.Named },
        new(Sign, "how little i matter") { Cue = Cue.Burden },
        new(Sign, "i ..1 dont matter") { Cue = Cue.Burden },
        new(Sign, "{forget forgot} about me") { Cue = Cue.Burden, Subject = Subject.Named },
        new(Sign, "out of the {picture equation}") { Cue = Cue.Burden },
        new(Sign, "shouldnt ..2 be here") { Cue = Cue.Burden },
        new(Sign, "{every each} day ..2 {im i} ..1 alive") { Cue = Cue.Burden },
        new(Sign, "net negative") { Cue = Cue.Burden },
        new(Sign, "better off with {someone somebody}") { Cue = Cue.Burden },
        new(Sign, "no one should have to") { Cue = Cue.Burden },
        new(Sign, "{if} i ..2 {wasnt werent} ..1 {around here alive}") { Cue = Cue.Burden },
        new(Sign, "worry about me ..1 anymore") { Cue = Cue.Burden },
        new(Sign, "throw a party if i") { Cue = Cue.Burden },
        new(Sign, "without me $") { Cue = Cue.Burden },
        new(Sign, "{theyd everyone} ..2 be happier") { Cue = Cue.Burden },
        new(Sign, "then relieved") { Cue = Cue.Burden },
        new(Sign, "get over it") { Cue = Cue.Burden },
        new(Sign, "{everyones everybodys} {fine ok okay better}") { Cue = Cue.Burden },
        new(Sign, "who isnt me") { Cue = Cue.Burden },
        new(Sign, "{life lives} harder") { Cue = Cue.Burden },
        new(Sign, "{done run ran} the {math numbers}") { Cue = Cue.Burden },
        new(Sign, "{if when} i {was were} ..1 dead") { Subject = Subject.Named },
        new(Sign, "{if when} im dead") { Subject = Subject.Named },
        new(Sign, "wont remember me") { Cue = Cue.Burden },
        new(Sign, "absence ..4 {noticed notice}") { Cue = Cue.Burden },
        new(Sign, "never had me") { Cue = Cue.Burden },
        new(Sign, "NEGATION {be being} here") { Cue = Cue.Burden },
        new(Sign, "{cost costing} ..2 {them everyone family} ..1 everything") { Cue = Cue.Burden },
    ];
}
