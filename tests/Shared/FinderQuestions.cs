namespace WellnessBot.Testing;

/// <summary>
/// Real-sounding questions residents ask, with the resource that should come first (catalog ids from
/// src/Bot/catalog/resources.json). The tests hold the finder to top-3 ≥ 95% on it; ./bench.sh finder prints
/// top-1 and top-3 so changes to the finder or the catalog can be tracked.
/// </summary>
public static class FinderQuestions
{
    public static readonly IReadOnlyList<(string Question, string Expected)> All =
    [
        ("childcare", "wellconnect"),
        ("I need a babysitter for my kids during nights", "wellconnect"),
        ("daycare for my toddler", "wellconnect"),
        ("money advice", "wellconnect"),
        ("help with my student loans", "wellconnect"),
        ("financial planner", "wellconnect"),
        ("budgeting help", "wellconnect"),
        ("someone to talk to", "wellconnect"),
        ("I want to see a therapist", "wellconnect"),
        ("counselling", "wellconnect"),
        ("counseling near me", "wellconnect"),
        ("therapy for anxiety", "wellconnect"),
        ("I think I have depression", "wellconnect"),
        ("I can't sleep", "wellconnect"),
        ("legal advice", "wellconnect"),
        ("gym discounts", "wellconnect"),
        ("fun activities this weekend", "wellconnect"),
        ("chidlcare", "wellconnect"),
        ("finacial advisor", "wellconnect"),
        ("I'm burned out", "owbr"),
        ("burnout", "owbr"),
        ("feeling burnt out and drained", "owbr"),
        ("I want to give feedback about our workload", "owbr"),
        ("well-being survey", "owbr"),
        ("wellness office", "owbr"),
        ("I made a medication error and can't stop thinking about it", "h3"),
        ("my patient died and I keep thinking it was my mistake", "h3"),
        ("second victim", "h3"),
        ("support after an adverse event", "h3"),
        ("H3", "h3"),
        ("guilt after a code", "h3"),
        ("small group sessions with other residents", "peers"),
        ("resilience skills", "peers"),
        ("I feel isolated and want community", "peers"),
        ("PEERS program", "peers"),
        ("positive psychology", "peers"),
        ("suicide hotline", "crisis-988"),
        ("crisis line", "crisis-988"),
        ("988", "crisis-988"),
        ("emergency", "emergency-911"),
        ("ambulance", "emergency-911"),
        ("talk to a psychiatrist confidentially", "physician-support-line"),
        ("I'm afraid getting help will affect my medical license", "physician-support-line"),
        ("covid resources", "covid-toolkit"),
        ("pandemic toolkit", "covid-toolkit"),
        ("how do I approach a colleague in distress", "peer-support-reading"),
        ("I'm worried about a colleague", "peer-support-reading"),
        ("give a shout out to a colleague", "resident-recognition"),
        ("recognize my coworker at the breakfast", "resident-recognition"),
        ("appreciation for my co-resident", "resident-recognition"),
    ];
}
