namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// Self-harm, including a relapse: cutting, burning, hitting or picking at oneself until it bleeds or bruises,
/// hiding the marks, counting clean days (C-SSRS question 6: "cut yourself"; self-harm recovery language).
/// "Cut" also means surgery and a hundred everyday things, so a cut needs the writer as its object or no object.
/// </summary>
internal static class SelfHarmSigns
{
    private const WarningSign Sign = WarningSign.SelfHarm;

    private const string NotAnObject =
        "!{the a an my his her their it them down back out off up class corners costs ties your this that some those hours in into through open onions paper line too}";

    public static SignPattern[] All { get; } =
    [
        new(Sign, "HARM ..1 REFLEXIVE") { Subject = Subject.Named, Negatable = true },
        new(Sign, "HARM ..1 my self") { Subject = Subject.Named, Negatable = true },
        new(Sign, "HARM {themselves yourself urself} ..6 me"),
        new(Sign, "{make made making} myself {bleed bled}") { Subject = Subject.Named },
        new(Sign, "{did do doing done} to myself") { Subject = Subject.Named },
        new(Sign, "self {harm ham harming harmed injury injuring injure hurt}") { Negatable = true },
        new(Sign, "{sh selfharm selfharming selfharmed shd shing}") { Negatable = true },
        new(Sign, "SELF ..2 {cut cutting sh shd} " + NotAnObject),
        new(Sign, "{cut cutting sh shd} {again anyway deeper}"),
        new(Sign, "{cut cutting carve carving carved slice slicing scratch scratched scratching burn burned burning scrape scraping scraped jab jabbed jabbing} ..2 my ..1 {arm arms wrist wrists thigh thighs leg legs skin stomach hip hips forearm forearms belly chest vein veins}"),
        new(Sign, "{HARM dig digging dug pick picking scrape scraping press pressing squeeze squeezing} ..8 {until till til} ..4 {bleed bleeds bled bleeding blood bruise bruises bruised purple red swelled swollen split broke numb raw marks}"),
        new(Sign, "{hitting banging slamming punching slapping smashing} my ..1 BODY") { Subject = Subject.Named },
        new(Sign, "{slam slammed smash smashed} my ..1 BODY ..4 {purpose again door}") { Subject = Subject.Named },
        new(Sign, "{slammed slam slamming banged bang} my head") { Subject = Subject.Named },
        new(Sign, "{HARM BODY} ..6 on purpose"),
        new(Sign, "{WANT urge urges} ..2 to? {cut sh harm hurt burn} " + NotAnObject),
        new(Sign, "{urge urges} ..2 {cut sh harm hurt burn}"),
        new(Sign, "THINK ..2 about ..1 {cutting sh selfharm}"),
        new(Sign, "trying not to {cut sh}"),
        new(Sign, "{relapse relapsed relapsing}"),
        new(Sign, "clean ..3 from ..2 {sh cutting self harm}"),
        new(Sign, "zero days? clean"),
        new(Sign, "{days weeks months years yrs} clean ..6 {broke lost ruined blew ended threw}"),
        new(Sign, "{scratched scratching scratch picked picking pick bit biting bite dig digging} ..4 {bled bleed bleeding blood bleeds}"),
        new(Sign, "long sleeves ..6 {arms wrists scars cuts marks}"),
        new(Sign, "{nobody noone} ..2 {sees see notices notice} ..3 {marks arms scars cuts wrists}"),
        new(Sign, "{cuts scars marks scar burns bruises wounds} ..2 on my ..1 BODY") { Subject = Subject.Named },
        new(Sign, "my ..1 BODY ..3 {covered full} ..2 {in of} ..1 {cuts scars marks}") { Subject = Subject.Named },
        new(Sign, "my own {cuts scars wounds}") { Subject = Subject.Named },
        new(Sign, "{scars cuts marks} ..3 {fresh new}"),
        new(Sign, "{fresh new} {scars scar cuts}"),
        new(Sign, "{punch punched punching bang banged banging} ..2 my head"),
        new(Sign, "on purpose") { Cue = Cue.SelfHarm },
        new(Sign, "{cutting cut} in the {bathroom bathrooms call stall shower}"),
        new(Sign, "did it again") { Cue = Cue.SelfHarm },
        new(Sign, "make myself stop") { Cue = Cue.SelfHarm },
        new(Sign, "{broke lost} my streak") { Cue = Cue.SelfHarm },
        new(Sign, "{my the} cutting ..2 {is has was}") { Cue = Cue.SelfHarm },
        new(Sign, "clean for ..2 {days weeks months years} ..6 {ruined broke blew lost threw}"),
        new(Sign, "{dig digging dug} into my ..1 BODY") { Subject = Subject.Named },
        new(Sign, "{cut cutting} {after before during}") { Cue = Cue.SelfHarm },
        new(Sign, "dont heal") { Cue = Cue.SelfHarm },
        new(Sign, "i meant to $") { Cue = Cue.SelfHarm },
        new(Sign, "over and over") { Cue = Cue.SelfHarm },
        new(Sign, "{till until} it {bled swelled bruised bleeds bleed bruises}") { Cue = Cue.SelfHarm },
        new(Sign, "{days weeks months years} clean") { Cue = Cue.SelfHarm },
        new(Sign, "day NUMBER again") { Cue = Cue.SelfHarm },
        new(Sign, "broke that streak") { Cue = Cue.SelfHarm },
        new(Sign, "{theyre its} from me") { Cue = Cue.SelfHarm },
        new(Sign, "{punched punching punch} ..2 {wall walls mirror}") { Cue = Cue.SelfHarm },
        new(Sign, "{hide hiding cover covering} ..3 {cuts scars marks arms wrists}") { Cue = Cue.SelfHarm },
        new(Sign, "{hide hiding hid} ..3 {strips bandages bandage bandaids bandaid wounds burns}") { Cue = Cue.SelfHarm },
        // Wanting to bleed is the act itself, with or without the word "cut" (self-injury sources: the urge to see blood).
        new(Sign, "{WANT need needed needs} ..2 to bleed"),
        // The cover story for a wound (AFSP, NSSI sources: hiding injuries): "i lied and said i cut myself on a glass".
        new(Sign, "{lied lie lying} ..4 {said say told} ..2 {cut scratched burned burnt} myself"),
    ];
}
