namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// A wish to be dead, not to exist or not to wake up, passive ones included: hoping for an accident or an
/// illness, death spoken of as a relief, being sorry to be alive (C-SSRS question 1; 988 and NIMH: "talking about
/// wanting to die"). Also guilt after an adverse event joined to a wish not to live (NIMH: great guilt or shame).
/// </summary>
internal static class WishToBeDeadSigns
{
    private const WarningSign Sign = WarningSign.WishToBeDead;

    public static SignPattern[] All { get; } =
    [
        new(Sign, "WANT ..8 ^DIE !{of down laughing}") { Negatable = true },
        new(Sign, "WANT ..3 {gone disappear disappeared vanish vanished evaporate fade dissolve} ..3 {FOREVER good}"),
        new(Sign, "WANT ..3 {disappear vanish evaporate fade dissolve} !{for into to under in at}"),
        new(Sign, "{damn ugh dammit sigh} ..2 still {alive breathing}"), // waking up disappointed to be alive
        new(Sign, "{disappear disappeared vanish vanished disappearing} ..2 {FOREVER good completely}"),
        new(Sign, "NEGATION ..3 WANT ..6 ^ALIVE !{in at with near by close early on}"),
        new(Sign, "NEGATION ..1 WANT ..3 live in this world"),
        new(Sign, "NEGATION ..1 WANT ..2 be {here around} !{today tonight rn now at on in this right with during when until for}"),
        new(Sign, "NEGATION ..1 WANT ..1 to be $") { Cue = Cue.Ideation },
        new(Sign, "WANT ..3 NEGATION ..2 ^{ALIVE born around exist} !{early on at in}"),
        new(Sign, "WANT ..3 NEGATION ..2 here !{today tonight rn now on in this right for with during}"),
        new(Sign, "SLEEP ..5 NEGATION ..1 {wake waking woke} !{early on at in up}"),
        new(Sign, "SLEEP ..5 NEGATION ..1 {wake waking woke} up !{early on at in for before}"),
        new(Sign, "NEGATION ..2 {wake waking} up ..2 {tomorrow again ever FOREVER}"),
        new(Sign, "WANT ..8 NEGATION ..1 {wake waking} up? !{early on at in for before}"),
        new(Sign, "WANT ..3 NEGATION ..2 get up ..1 again?"),
        new(Sign, "THINK ..2 {about of}? ..1 NEGATION ..1 {waking wake existing exist being}"),
        new(Sign, "WANT ..4 SLEEP ..2 FOREVER"),
        new(Sign, "{eternal permanent forever} {nap sleep rest}"),
        new(Sign, "SLEEP ..4 be done"),
        new(Sign, "{stop cease ceased stopping stopped quit pause} ..2 {existing exist exists}"),
        new(Sign, "{stop stopping quit} being alive"),
        new(Sign, "{terminal fatal cancer} ..8 ^{relieved relief}"),
        new(Sign, "{went goes go} down with me"),
        new(Sign, "{fine okay ok} dying"),
        new(Sign, "NEGATION exist ..1 anymore"),
        new(Sign, "wake up ..3 wish i ..1 {hadnt didnt}"),
        new(Sign, "{wish wished} i ..1 {hadnt didnt never} ..1 {woken woke waken wake} up?"), // C-SSRS 1
        new(Sign, "{code coded} on me ..6 {bother resuscitate bring}"), // no resuscitation wanted for oneself
        new(Sign, "{nonexistence oblivion} ..2 {sounds sound seems feels} ..2 {amazing nice good great peaceful better appealing}"),
        new(Sign, "worth being alive"),
        new(Sign, "WANT ..3 six {feet ft foot} under"),
        new(Sign, "if i WANT ..2 keep {living going}"),
        new(Sign, "{plane flight helicopter} ..8 {go goes went going} down") { Cue = Cue.Ideation },
        new(Sign, "HOPE ..3 it would go down") { Cue = Cue.Ideation },
        new(Sign, "if something ..1 {happened happens} to me") { Cue = Cue.Ideation },
        new(Sign, "{stepping walking stepped walked} ..4 without looking") { Cue = Cue.Means },
        new(Sign, "hoping $") { Cue = Cue.Ideation },
        new(Sign, "if it ..1 {happened happens} ..4 RELIEF") { Cue = Cue.Ideation },
        new(Sign, "{dont didnt wouldnt} swerve") { Cue = Cue.Means },
        new(Sign, "how ..3 keep living") { Cue = Cue.Hopeless },
        new(Sign, "NEGATION ..2 think i can") { Cue = Cue.Hopeless },
        new(Sign, "i dont want to $") { Cue = Cue.Hopeless },
        new(Sign, "WANT ..3 gone !{for to from by before after at on in til until}"),
        new(Sign, "NEGATION ..1 {be being} {here around alive} ..1 {FOREVER more}"),
        new(Sign, "let me ..1 die") { Subject = Subject.Named },
        new(Sign, "{someone somebody please just} ..1 {kill shoot end} me") { Subject = Subject.Named },
        new(Sign, "god ..2 {takes take} me") { Subject = Subject.Named },
        new(Sign, "COULD ..5 ^{die dead} !{of}") { Negatable = true },
        new(Sign, "be ..3 in the ground"),
        new(Sign, "better off dead"),
        new(Sign, "{feel feeling} like dying"),
        new(Sign, "THINK ..2 {about of abt} ..1 ^DIE !{and}") { Negatable = true },
        // Hoping something happens: an accident, an illness, the heart giving out.
        new(Sign, "HOPE ..6 ^DISASTER"),
        new(Sign, "HOPE ..4 {plane flight helicopter} ..4 {go goes went} down"),
        new(Sign, "HOPE ..3 get hit by"),
        new(Sign, "HOPE ..5 {hits hit} me"),
        new(Sign, "{hit hits} me ..4 {thank thanks RELIEF}"),
        new(Sign, "HOPE ..4 {something someone} ..3 {happens happen happened} to me"),
        new(Sign, "HOPE ..4 something ..1 {kills kill} me"),
        new(Sign, "HOPE ..4 {kills kill} me"),
        new(Sign, "if ..4 {kills kill} me ..6 {RELIEF rest peace}"),
        new(Sign, "HOPE ..4 heart ..2 {stops stop stopped gives give}"),
        new(Sign, "HOPE ..4 {stop stops} breathing"),
        new(Sign, "HOPE ..6 hit my head"),
        new(Sign, "HOPE ..6 NEGATION get {better}"),
        new(Sign, "HOPE ..5 {building ceiling roof} ..3 {collapse collapses fall falls} ..2 on me"),
        new(Sign, "HOPE ..5 {biopsy scan results} ..3 {bad positive}"),
        new(Sign, "WANT ..3 NEGATION ..1 make it !{to in on for}"),
        new(Sign, "HOPE ..3 lose control"),
        // Death spoken of as welcome; being sorry to be alive.
        new(Sign, "RELIEF ..4 {if to with about} ..3 ^DIE"),
        new(Sign, "^DIE ..3 {would sounds seems feels is be} ..3 RELIEF"),
        new(Sign, "{mind} ..1 {dying death}"),
        new(Sign, "RELIEF ..6 NEGATION ..2 ^{ALIVE survive exist exists existing}"),
        new(Sign, "why ..4 still ..2 {alive here breathing}"),
        new(Sign, "{annoyed disappointed upset mad angry sad frustrated pissed bummed} ..4 still ..1 {alive here breathing}"),
        new(Sign, "{disappointed annoyed upset} ..3 {woke wake}"),
        new(Sign, "why ..5 ^{alive living}"),
        new(Sign, "{waiting wait} ..2 to DIE"),
        new(Sign, "{look looking} forward to ..2 {DIE death}"),
        new(Sign, "{look looking} forward to it") { Cue = Cue.Ideation },
        new(Sign, "^{jealous envious envy} ..6 {DIE passed obituaries obituary}"),
        new(Sign, "{obituaries obituary} ..4 ^jealous"),
        new(Sign, "trade places ..4 DIE"),
        new(Sign, "skip ..3 rest of my life"),
        new(Sign, "last time ..3 close my eyes"),
        new(Sign, "wouldnt fight it") { Cue = Cue.Ideation },
        new(Sign, "WANT ..3 it ..2 happen") { Cue = Cue.Ideation },
        new(Sign, "{picture imagine imagining picturing planning plan} ..3 my own? funeral"),
        new(Sign, "my own? funeral") { Cue = Cue.Ideation },
        new(Sign, "kill me now") { Cue = Cue.Ideation },
        // Guilt after an adverse event joined to a wish not to live.
        new(Sign, "NEGATION ..1 deserve ..2 to? {ALIVE here exist around}"), // not "dont deserve to be a doctor": that is shame, not a wish to die
        new(Sign, "NEGATION ..1 deserve to be $"),
        new(Sign, "{disappointed disappointment disappointing upset annoyed} ..4 {woke wake waking} up"), // C-SSRS 1: wishing not to wake up
        new(Sign, "{cant cannot} live with ..2 {myself this it what}"),
        new(Sign, "{cant cannot} live {thru through}"),
        new(Sign, "{shouldnt dont doesnt} ..2 get to {live exist be}"),
        new(Sign, "^{jealous envious envy envying envied} ..6 {him her them DIE passed}") { Cue = Cue.Ideation },
        new(Sign, "at least ..1 {hes shes theyre} done") { Cue = Cue.Ideation },
        new(Sign, "should ..3 been ..1 me") { Cue = Cue.Ideation },
    ];
}
