namespace WellnessBot.Dialogs.Safety;

/// <summary>Wording that looks like a warning sign but is not one: a topic, someone else's death, an idiom.</summary>
internal sealed record EverydayPattern(string Pattern)
{
    /// <summary>
    /// A topic ("suicide risk", "training on self-harm"): not the writer's crisis, unless it is "my suicide risk", or
    /// the writer says the message is about them ("asking for me").
    /// </summary>
    public bool NotAfterMy { get; init; }

    /// <summary>Everyday only when the message also has these ("I'm dead. The chief replied-all with a meme").</summary>
    public Concepts OnlyWith { get; init; }

    /// <summary>Not everyday after a word of these earlier in its clause: "this pager kills me" is, "hope this shift kills me" is a wish.</summary>
    public Concepts NotAfterInClause { get; init; }
}

/// <summary>
/// What the safety net must not mistake for a crisis, and what deserves a gentle offer instead. A match here
/// cancels any crisis match it overlaps; it cancels nothing else in the message.
/// </summary>
internal static class EverydaySigns
{
    public static IReadOnlyList<EverydayPattern> NotACrisis { get; } =
    [
        // The subject as a topic: prevention, screening, training, hotlines, statistics.
        new("SUICIDE TOPIC") { NotAfterMy = true },
        new("SUICIDE !{all this every whole last} TOPIC") { NotAfterMy = true }, // "suicide awareness month", not "suicidal all month"
        new("self {harm harming injury} ..1 TOPIC") { NotAfterMy = true },
        new("{si ideation} TOPIC") { NotAfterMy = true },
        new("TOPIC ..3 {on about for regarding re around in of} the? {SUICIDE self si overdose od}") { NotAfterMy = true },
        new("TOPIC ..3 {on about for regarding re around in} !{my me i} {SUICIDE self si overdose od}") { NotAfterMy = true },
        new("{ask asking asked discuss discussing discussed screen screening} {about for} the? {SUICIDE self si}"),
        new("{ask asking asked} ..4 {are do have} {you u} ..6 {yourself urself}"),
        new("{ask asking asked} !{me my i myself} ..1 about the? {SUICIDE si}"),
        new("{ask asking asked discuss discussing discussed} {about for} !{my me i} {SUICIDE self si}"),
        new("TOPIC ..3 {on about for regarding re around in of} !{my me i} !{my me i} {SUICIDE self si overdose od}") { NotAfterMy = true },
        new("{throw throwing threw toss tossing chuck chucking} ..2 {it this that THING} ..3 {off out in into}"),
        new("{wants want wanted} me dead"),
        new("im dead") { OnlyWith = Concepts.Laughter },
        new("{im} so? dead") { OnlyWith = Concepts.Laughter },
        new("kill me now") { OnlyWith = Concepts.Laughter },
        new("{made make makes making} me ..1 want to DIE") { OnlyWith = Concepts.Laughter },
        new("worst ..2 alive"),
        new("{kill killed killing} the {last rest backlog list queue}"),
        new("{throw throwing threw toss tossing chuck chucking} ..2 {it this that THING} ..3 {off out in into} the? ..1 HEIGHT"),
        new("{laceration lacerations wound wounds injury injuries scar scars cuts} {from of} self {harm harming}"),
        new("difference between ..4 {SUICIDE si ideation}"),
        new("SUICIDE of !{my me}"),
        new("{NUMBER lifeline hotline line} ..3 {for about} ..1 SUICIDE"),
        new("{the a} cut"),
        new("{ran run running} SUICIDE"),
        new("{died dies death deaths lost loss losing} ..2 {to by from} ..1 SUICIDE"),
        new("{death} and dying"),
        new("{pill disease tumor symptom caregiver viral documentation admin administrative financial cognitive work clinical med medication student debt} BURDEN"),
        new("BURDEN of {proof disease illness}"),
        new("PAIN ..2 {scale score meds medication control management regimen}"),
        new("{medication med meds drug dosing dose prescribing} {error errors mistake mistakes event events}"),

        // Idioms from hospital life.
        new("{die dying died} for !{real good sure ever now it once certain}"),
        new("dying to"),
        new("to die for"),
        new("{die died dying} happy"),
        new("{die died dying} {laughing laughter}"),
        new("{die died dying} of {laughter embarrassment boredom cringe jealousy}"),
        new("dead {tired asleep serious wrong set last boring}"),
        new("dead on my feet"),
        new("dead in a ditch"),
        new("crawl ..6 and die"),
        new("take a bullet for"),
        new("{bored scared worried sick} to death"),
        new("{end death} of me"),
        new("{kill killing} for"),
        new("{killing killed kill kills} it"),
        new("kill time"),
        new("{kill killing killed} the {mood vibe lights}"),
        new("drop dead") { NotAfterInClause = Concepts.Want | Concepts.Hope }, // "wish id just drop dead" is a wish to be dead
        new("over my dead body"),
        new("im dead LAUGHTER"),
        new("{overdose overdosed overdosing od} on !{my PILLS a the his her their}"),
        new("HARM ..1 REFLEXIVE on !{purpose}"),
        new("HARM ..1 REFLEXIVE {shaving cooking while lifting playing running skiing falling laughing}"),
        new("HARM ..1 REFLEXIVE at !{NUMBER}") { NotAfterInClause = Concepts.Want }, // at the gym; not at 31 (an age), nor "want to hurt myself at work"
        new("{accidentally accidently} ..3 HARM"),
        new("cut me ..1 slack"),
        new("{wake waking} up ..2 {early late}"),
        new("{die dies died dying} {down on} {this that} hill"),
        new("{dies died} down"),
        new("{phone phones battery laptop pager pagers wifi computer car printer epic charger tablet ipad plants plant fish conversation power generator lights server} ..2 DIE"),
        new("{epic server system computer wifi printer pager phone website site network ehr cerner app} ..2 {DISASTER go goes went}"),
        new("NEGATION ..1 DISASTER"),
        new("care of the? dying"),
        new("no one ..3 DIE"),
        new("{nobody noone} ..2 DIE"),
        new("here at {work the this my}"),
        new("gone {for on to till until} {a the this next}"),
        new("{death} {certificate certificates pronouncement note summary}"),
        new("time of death"),

        // Everyday English with the same words: cutting it close, cutting back, dead meat, hope ahead, a goodbye to a thing.
        new("{cut cuts cutting} {it things} {close fine}"),
        new("{cut cuts cutting} {back down out} {on of}"),
        new("{cut cuts cutting} {back down} !{my myself}"),
        new("{cut cuts cutting} {out} {sugar carbs caffeine coffee alcohol drinking booze soda gluten dairy meat sweets junk}"),
        new("{cut cuts cutting} ..2 {hair bangs nails corners class classes lecture costs cord}"),
        new("{im} a dead {man woman person}"),
        new("dead meat"),
        new("{drive driving drives drove driven} me ..3 {cliff wall crazy nuts insane bananas mad}"),
        new("light at the end of the tunnel"),
        new("{will gonna} kill me if"),
        new("{dont} wake me ..1 {unless until till til}"),
        new("{goodbye bye} {weekend weekends sleep sanity summer vacation freedom social golden}"),
        new("see {you ya yall u} ..2 {next tomorrow tmrw tmr soon later monday tuesday wednesday thursday friday saturday sunday weekend tonight}"),
        new("{cut cuts cutting} the {crap bs}"),
        // A patient's death in a resident's words ("my first death as the senior"), and the drug a past order was about.
        new("{my} {first second third} {death deaths code codes}"),
        new("{thank thanks thankyou} {you u}? {note notes card cards letter letters}"),
        new("final {answer answers offer call round rounds exam exams score scores}"),
        new("{is are its theyre these those list orders meds} dead weight"),
        new("hang {on in tight}"),
        new("{cant cannot couldnt} hang {tonight today later tmrw tomorrow this out}"), // going out with friends
        new("hang ..2 out to dry"),
        new("end of my rope with"), // at the end of my rope with a thing: worn out by it
        new("{kill killed kills killing} ..2 {THING order orders alarm alarms consult request note notes page} !{me myself}"),
        new("{arms arm legs leg feet hands hand back} ..3 {dead died}"),
        new("bitter pill"),
        new("{joke jokes idea ideas proposal pun puns meme} {died dies dying}"), // not "plan": a plan dying is not an idiom
        new("{not isnt} {just only} for SUICIDE"), // what a crisis line is for
        new("hit the ground running"),
        new("cross that bridge"),
        new("bite the bullet"),
        new("dead to the world"),
        new("have a {good great nice safe} ..1 {weekend day night shift evening one week}"),
        new("last {day shift night call} of ..1 {residency rotation block intern training nights year}"),
        new("no time to {breathe breath}"),
        // A goodbye to a unit or a rotation at its end ("goodbye 4 west", "bye micu").
        new("{goodbye bye farewell} ..2 {block rotation unit floor service west east north south icu micu sicu nicu picu ed er wards nights}"),
        new("{killing killed kills} my {battery phone car back feet knees vibe mood buzz brain plants budget}"),
        new("{physician physicians doctor doctors resident residents nurse nurses clinician clinicians} {suicide suicides}") { NotAfterMy = true },
        new("{the that} ..1 PILLS ..1 i {didnt gave ordered missed forgot held pushed hung started stopped}"),
        // Lethal-means safety kit handed to patients and families: a lock, a safe, a lock box.
        new("{gun guns firearm firearms trigger cable} {lock locks safe safes lockbox lockboxes box boxes}"),
        new("{shoot shooting shot} me {a an the your} ..1 {email text message msg dm note line ping call link info dates number page list}"),
        new("{cut cuts cutting} {my our} losses"),
        new("kills me") { NotAfterInClause = Concepts.Hope | Concepts.Doubt | Concepts.Want },
        new("killed me") { NotAfterInClause = Concepts.Hope | Concepts.Doubt | Concepts.Want }, // "that question killed me"
        new("{launched yeeted thrown shot} into the sun"),
    ];

    /// <summary>Words with which the writer says the rest is about them ("resources for someone who is suicidal. asking for me").</summary>
    public static IReadOnlyList<string> WritersOwn { get; } =
    [
        "asking ..1 for {me myself}", "{its thats this is} ..1 for me", "its me ..1 having", "asking {because bc cuz since} i ..2 {need think am feel}",
        "{because bc cuz} {it its} is? me",
        "{talking asking} about {me myself}", "i mean {me myself}",
        // Clinicians describing themselves in their own clinical voice ("29yo PGY-3 with worsening SI ... pt is me").
        "{pt patient case} {is was} me", "{im} the {pt patient case}", "i am the {pt patient case}",
    ];

    /// <summary>The writer saying they are safe: the statistical check then needs to be surer before it alarms.</summary>
    public static IReadOnlyList<string> Reassurances { get; } =
    [
        "{im} {totally completely perfectly physically definitely}? safe", "i am {totally completely perfectly physically definitely}? safe",
        "{no not} ..1 danger", "{not no} {suicidal si}", "{not no} ..1 {thoughts} ..1 {hurting harming ending killing}",
        "{still} want to {live be}", "i {do really still truly}? want to live", "{dont} mean ..2 {darker dark} ..1 {than that}?", "nothing {darker dark} ..2 {than that}?", "not in a ..1 {dark dramatic scary} way",
    ];

    /// <summary>
    /// Everyday distress and hyperbole, and the distress of a clinician after an adverse event (the second-victim
    /// literature): worth a kind word and an open door to Helping Healers Heal, never an alarm.
    /// </summary>
    public static IReadOnlyList<string> Distress { get; } =
    [
        "killing me", "{dying} {here inside}", "dead {tired inside}", "{burn burned burnt burning} ..1 out", "burnout",
        "{exhausted overwhelmed drowning depressed numb lonely worthless anxious hopeless panicking miserable}",
        "{cant cannot} {do take} ..2 {this it} ..1 anymore?", "falling apart", "breaking down", "at my limit", "so stressed",
        "hate myself", "{rough bad awful terrible horrible} {day night week call shift}", "second victim", "MISTAKE",
        "my fault", "because of me", "blame myself", "{guilt guilty ashamed shame fraud failure incompetent}",
        "{cant} stop {thinking crying shaking replaying}", "keep {replaying thinking seeing hearing}", "{replaying flashbacks nightmares}",
        "{cant} sleep", "{shaking crying cried sobbing terrified}", "{patient pt} ..3 {died passed coded}",
        "{killed} ..2 {patient pt him her}", "quit ..2 {medicine residency}", "not cut out", "end of my rope",
        "{THINK} ..2 {about of} {DIE}", "KILL me", "m m", "mm", "{feel feeling} {sick awful terrible horrible}",
    ];
}
