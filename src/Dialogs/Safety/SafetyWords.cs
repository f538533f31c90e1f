namespace WellnessBot.Dialogs.Safety;

/// <summary>
/// The words behind each concept, spelled as people type them (no apostrophes: "im", "dont"). "Forgiving" groups
/// also match one slip of each word of four letters or more. A word may be in several groups.
/// </summary>
internal static class SafetyWords
{
    public sealed record Group(Concepts Concepts, bool Forgiving, string Words);

    /// <summary>Two words read as one, because together they mean something else than apart ("burned out" is not a burn).</summary>
    public static IReadOnlyList<(string First, string Second, string Together)> Compounds { get; } =
    [
        ("burned", "out", "burnout"), ("burnt", "out", "burnout"), ("burn", "out", "burnout"), ("burning", "out", "burnout"),
        ("dead", "tired", "exhausted"), ("worn", "out", "exhausted"), ("wiped", "out", "exhausted"),
        ("s", "i", "si"), // "s/i", as charts write it
    ];

    /// <summary>Misspellings more than one slip away that people make anyway, and the word they mean.</summary>
    public static IReadOnlyDictionary<string, string> Misspellings { get; } = new Dictionary<string, string>
    {
        ["dissapear"] = "disappear", ["dissappear"] = "disappear", ["disapear"] = "disappear", ["dissapeared"] = "disappeared",
        ["dissapearing"] = "disappearing", ["suiside"] = "suicide", ["sucidial"] = "suicidal", ["suisidal"] = "suicidal",
        ["tomorow"] = "tomorrow", ["tommorow"] = "tomorrow", ["tommorrow"] = "tomorrow", ["existance"] = "existence",
    };

    public static IReadOnlyList<Group> All { get; } =
    [
        // Who a clause is about.
        new(Concepts.Self, true, "i im ive id ill imma ima iam me my mine myself meself mself"),
        new(Concepts.Reflexive, true, "myself meself mself"),
        new(Concepts.Pronoun, false, "he hes hed him himself she shes her herself they theyre them themselves themself his their"),
        new(Concepts.Doubt, false, "if whether unsure sure idk dunno wonder"),
        new(Concepts.ObjectPronoun, false, "him her them his their theirs hers us our"),
        new(Concepts.Other, false,
            "he hes hed him his himself she shes her hers herself they theyre theyve theyd them their theirs themselves themself " +
            "we weve us our ours ourselves"),
        new(Concepts.Other, true,
            "patient patients pt pts ptnt man men woman women guy guys lady ladies girl girls boy boys kid kids child children " +
            "teen teens teenager teenagers adolescent adolescents baby babies infant toddler mom moms mother mothers dad dads " +
            "father fathers parent parents family families son sons daughter daughters husband wife brother sister grandma " +
            "grandmother grandpa grandfather aunt uncle cousin friend friends colleague colleagues coresident coresidents cores " +
            "intern interns resident residents attending attendings nurse nurses student students someone somebody anyone anybody " +
            "people person folks vet veteran veterans gentleman male female decedent victim roommate partner boyfriend girlfriend " +
            "bf gf fiance fiancee client clients neighbor peer peers classmate classmates fellow fellows cofellow cointern coworker " +
            "coworkers teens kids bounceback bouncebacks " +
            "coresident senior seniors chief chiefs pgy1 pgy2 pgy3 pgy4 pgy5 pgy6 pgy7 ms3 ms4"),
        new(Concepts.Everyone, false, "everyone everybody everyones nobody noone anyone anybody world team program who"),
        new(Concepts.ChartSpeak, false,
            "pt pts hx dx ddx sitter precautions cssrs ssrs phq phq9 dispo ems bib gsw intox ingestion nac q15 cpep ama hold cc " +
            "inpatient outpatient " +
            "consult consulted eval evaluation hpi mse " +
            "endorses endorsing endorsed denies denied presented presenting presents admitted"),
        new(Concepts.Place, false, "bed beds bay room rm pod resus trauma"),
        new(Concepts.Topic, true,
            "prevention preventing prevent awareness screening screenings screen screener screened assessment assessments assess " +
            "assessing training trainings course courses module modules lecture lectures seminar workshop webinar conference " +
            "rounds research study studies paper papers article articles statistics stats rate rates data hotline hotlines " +
            "lifeline line lines policy policies protocol protocols guideline guidelines toolkit handout handouts material " +
            "materials pamphlet pamphlets flyer flyers poster posters resources resource info information education curriculum " +
            "month week walk event fundraiser qpr gatekeeper risk risks factors precautions watch questions question survey " +
            "squad mission doors door squeeze drills drill sprints case cases screens wound wounds history injuries laceration scars " +
            "lacerations pathway care difference documentary documentaries film films movie movies show episode podcast book " +
            "novel novels song scene scenes cluster afsp nami signs sign warning"),
        new(Concepts.Speech, false,
            "say says said saying states stated stating reports reported reporting endorses endorsed endorsing told tells telling " +
            "admits admitted expressed expresses expressing voiced wrote writes texted posted screamed yelled mentioned mentions " +
            "denies denied claimed claims quote quoted verbalized verbalizes verbalizing threatening threatened threatens screaming " +
            "yelling shouting joking joked jokes joke humor humour quipped muttered whispered asked asks tweeted"),
        new(Concepts.Connector, false, "and but so because bc cuz since then now honestly tbh ngl also anyway though tho although still yet plus"),

        // Wanting, intending, negating.
        new(Concepts.Want, true,
            "want wants wanted wanting wanna wish wishes wished wishing hope hopes hoped hoping pray prays prayed praying rather " +
            "ready long longing crave craving prefer deserve deserves deserved tempted urge urges dream dreaming " +
            "fantasize fantasizing welcome love"),
        new(Concepts.Hope, true, "hope hopes hoped hoping wish wishes wished wishing pray prays prayed praying"),
        new(Concepts.Think, true,
            "think thinks thinking thought thoughts considering consider considered contemplating contemplate pondering imagining " +
            "imagine picturing obsessing fixating ruminating idea ideas feel feeling felt"),
        new(Concepts.Intend, true,
            "going gonna gunna goin plan plans planning planned intend intending decided deciding tryna trying try tried attempt " +
            "attempted attempting prepared preparing finally"),
        new(Concepts.Could, false, "could should might may would must can shud cud coulda shoulda woulda"),
        new(Concepts.Negation, false,
            "not no never dont doesnt didnt cant cannot wont wouldnt isnt wasnt arent werent aint without nothing none neither " +
            "nor hardly dnt havent hasnt shouldnt couldnt denies denied"),

        // The warning signs' own words.
        new(Concepts.Suicide, true,
            "suicide suicides suicidal suicidality suiciding suicided suicidally unalive unaliving unalived unalives kms ctb " +
            "sewerslide selfdelete"),
        new(Concepts.Kill, true, "kill kills killed killing killin"),
        new(Concepts.Die, true, "die dies died dying dead death deaths ded perish"),
        new(Concepts.Alive, true, "alive live living life exist exists existing existence breathe breathing wake waking awake survive surviving"),
        new(Concepts.Harm, true,
            "cut cuts cutting burn burns burning burned burnt hurt hurts hurting harm harms harming harmed scratch scratches " +
            "scratching scratched hit hitting punch punched punching bang banging banged carve carving carved slice slicing " +
            "sliced stab stabbing bruise bruising bite biting injure injuring mutilate mutilating selfharm selfharming sh"),
        new(Concepts.Body, true, "arm arms wrist wrists thigh thighs leg legs skin stomach hip hips forearm forearms ankle ankles belly chest vein veins hand hands head face knuckles fingers nails ears"),
        new(Concepts.Pills, true,
            "pills pill tablets tabs meds medication medications bottle bottles tylenol acetaminophen advil ibuprofen benadryl " +
            "ambien zolpidem xanax ativan lorazepam klonopin benzos insulin potassium kcl propofol fentanyl morphine dilaudid " +
            "oxy oxycodone opioids opiates heroin zoloft sertraline lexapro prozac wellbutrin lithium seroquel trazodone " +
            "amitriptyline pyxis omnicell stash stockpile overdose overdosed overdosing overdoses od ods sux succinylcholine " +
            "paralytic digoxin prescription prescriptions vial vials syringe vodka drugs"),
        new(Concepts.Weapon, true,
            "gun guns pistol handgun rifle shotgun firearm firearms glock revolver bullet bullets ammo ammunition trigger " +
            "knife knives blade blades razor razors rope noose belt cord scissors"),
        new(Concepts.Height, true, "bridge bridges roof rooftop rooftops ledge building buildings garage balcony cliff overpass tower window windows edge railing skyscraper helipad stairwell pier ramp river hudson lake ocean platform tracks deck"),
        new(Concepts.Vehicle, true, "train trains subway bus truck car cars traffic highway freeway median tracks platform oncoming semi tree wall pole barrier guardrail pillar divider wheel"),
        new(Concepts.Search, true,
            "looked look looking searched search searching googled google googling researched researching checked checking " +
            "read reading scouted scouting calculated calculating figured math"),
        new(Concepts.Soon, false, "tonight tonite tonights tomorrow tomorrows tmrw tmr weekend soon friday saturday sunday monday tuesday wednesday thursday"),
        new(Concepts.Forever, true, "forever permanently permanent anymore eternally eternal final"),
        new(Concepts.Burden, true, "burden burdens burdensome liability drain"),
        new(Concepts.Gone, true, "gone dead disappeared missing"),
        new(Concepts.Point, false, "point pointless purpose reason reasons meaning"),
        new(Concepts.Letters, true, "letter letters note notes goodbye goodbyes farewell will testament video email emails"),
        new(Concepts.Family, false,
            "family parents mom dad mother father kids wife husband partner sister brother friends children son daughter " +
            "roommate boyfriend girlfriend everyone everyones sisters brothers"),
        new(Concepts.Belongings, false,
            "stuff things belongings possessions stethoscope loupes dog cat pet pets plants books textbooks passwords laptop " +
            "clothes guitar jewelry ring watch car bike records"),
        new(Concepts.Hopeless, true, "hopeless hopelessness helpless trapped worthless"),
        new(Concepts.Pain, true, "pain suffering agony torture"),
        new(Concepts.Done, false, "done finished over through tired sick exhausted fed"),
        new(Concepts.Sleep, false, "sleep sleeping asleep nap bed"),
        new(Concepts.Disaster, true,
            "crash crashes crashed accident accidents wreck wrecked derail derails derailed collapse collapses aneurysm cancer " +
            "tumor terminal fatal infection sepsis stroke needlestick drown drowning"),
        new(Concepts.Relief, true,
            "relieved relief  fine okay ok peaceful restful amazing nice good great win thankful grateful " +
            "welcome vacation appealing tempting lovely better easier lighter happier ahead free smoother calm calming comforting " +
            "mind care"),
        new(Concepts.Method, true, "method methods means"),
        new(Concepts.Decided, true, "plan plans planned planning decided decide deciding ready set date"),

        // Everyday words that tell an idiom or a clinical story apart.
        new(Concepts.Distress, false, "burnout exhausted"),
        new(Concepts.Thing, false,
            "pager ehr epic cerner update updates schedule rotation block census system computer printer phone laptop app bot " +
            "badge reader elevator wifi server website printer machine meeting lecture exam boards test email inbox"),
        new(Concepts.Laughter, false, "lol lmao lmfao haha hahaha hah rofl jk kidding joking meme memes hilarious funny"),
        new(Concepts.Trivial, false,
            "coffee nap sleep burrito pizza donut donuts snack snacks food tacos taco beer shower vacation weekend cookie " +
            "cookies chocolate sandwich bagel latte espresso caffeine sugar wine drink fries cake"),
        new(Concepts.Mistake, false,
            "mistake mistakes error errors missed fault screwed messed wrong harmed adverse coded code lawsuit sued suing " +
            "complaint reported review rca incident sentinel malpractice blame blamed blaming delay delayed misread overlooked"),
        new(Concepts.Work, false,
            "shift shifts call nights rotation week day month year residency meeting rounds conference clinic pager census " +
            "admissions signout presentation case list boards exam schedule zoom semester block interview"),
        new(Concepts.Moving, false,
            "graduating graduation graduate moving move moved relocating declutter decluttering selling sale apartment " +
            "fellowship match retiring retire retirement switching donate donating donated vacation party wedding honeymoon trip"),
    ];
}
