namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Suicidal thoughts or intent, in any wording or form: the noun, the adjective, the verbs, slang and the clinical
/// words said of oneself (988 Lifeline and NIMH: "talking about wanting to kill oneself"; C-SSRS questions 2 and 4).
/// </summary>
internal static class SuicidalThoughtsSigns
{
    private const WarningSign Sign = WarningSign.SuicidalThoughts;

    public static SignPattern[] All { get; } =
    [
        new(Sign, "SUICIDE") { Negatable = true },
        new(Sign, "sewer {slide slides sliding}"),
        new(Sign, "self {delete deleting deleted}"),
        new(Sign, "{delete deleting erase erasing} ..1 myself") { Subject = Subject.Named },
        new(Sign, "{si ideation ideations}") { Negatable = true },
        new(Sign, "passive ..2 to ..1 active"),
        new(Sign, "{theres have having} ..1 some? {intent intention}") { Negatable = true },
        new(Sign, "{KILL off offing offed unalive end ending ended top hang hanging hanged shoot shooting shot drown drowning poison poisoning} ..1 REFLEXIVE") { Subject = Subject.Named, Negatable = true },
        // "we" counts the writer in: "talked about killing ourselves", "i could kill us all".
        new(Sign, "{KILL off offing unalive end ending ended} ourselves") { Subject = Subject.Named, Negatable = true },
        new(Sign, "^KILL us {all both}") { Negatable = true },
        new(Sign, "{KILL end ending off offing} my self") { Subject = Subject.Named, Negatable = true },
        new(Sign, "{take taking took end ending ended} my own? {life lives}") { Subject = Subject.Named, Negatable = true },
        new(Sign, "{end ending ended} {it everything} all"),
        new(Sign, "{end ending ended} everything"),
        new(Sign, "{WANT THINK INTEND COULD DECIDED} ..3 {end ending} {it things everything} !{with here now early there at in for before after today tonight up}"),
        new(Sign, "{end ending} {things} !{with}") { Cue = Cue.Intent },
        new(Sign, "{i im ill} ..1 {end ending} it !{with here now early there at on in for up off}"),
        new(Sign, "before i end it"),
        new(Sign, "{ending end} it ..1 {is seems feels} ..2 only {way thing option answer}"),
        new(Sign, "just end it !{here now early with there}"),
        new(Sign, "just of myself") { Subject = Subject.Named },
        new(Sign, "{answer answered} yes to ..3 {number question}") { Cue = Cue.Ideation },
        new(Sign, "columbia") { Cue = Cue.Ideation },
        new(Sign, "THINK ..3 {doing do} it myself") { Cue = Cue.Ideation },
        new(Sign, "not a joke for me") { Cue = Cue.Ideation },
        // "do you ever think about killing yourself": the generic you, about oneself.
        new(Sign, "THINK ..3 {KILL off offing unalive HARM} ..1 {yourself urself themselves themself ourselves}") { Subject = Subject.Named },
        new(Sign, "{commit committing} ..1 $"),
        new(Sign, "{COULD WANT INTEND THINK} ..2 {catch catching} the bus !{to home at from back in into downtown}"),
        new(Sign, "{attempt attempted attempts} ..2 {again before}") { Cue = Cue.Intent },
        new(Sign, "{first last previous my} attempt") { Cue = Cue.Intent },
        new(Sign, "{go going went} through with it") { Cue = Cue.Intent },
        new(Sign, "{do doing} it ..2 this time") { Cue = Cue.Intent },
        new(Sign, "{actually really finally} ..2 {do doing} it") { Cue = Cue.Intent },
        new(Sign, "{do doing} it myself") { Cue = Cue.Ideation },
        new(Sign, "{have having had} the thoughts") { Cue = Cue.Ideation },
        new(Sign, "thoughts ..2 {came come coming are keep} ..2 {back again}") { Cue = Cue.Ideation },
        new(Sign, "stop myself") { Cue = Cue.Ideation },
        new(Sign, "{she he they} had the right idea") { Cue = Cue.Ideation },
    ];
}
