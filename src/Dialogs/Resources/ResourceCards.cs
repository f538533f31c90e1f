using WellnessBot.Dialogs.Messages;

namespace WellnessBot.Dialogs.Resources;

/// <summary>The finder's cards: the category menu, one card per resource, and the kind "nothing found".</summary>
public static class ResourceCards
{
    public const string MenuKind = "resources-menu";
    public const string ResourceKind = "resource";
    public const string NoMatchKind = "resources-none";

    /// <summary>"Find resources" on other cards (the welcome, a support confirmation): opens the menu.</summary>
    public static SubmitAction MenuButton() => new("Find resources", Features.ResourcesDialog.MenuAction);
    public const string CategoryInput = "category";

    public static Card Menu(string? intro = null) => new(MenuKind)
    {
        Title = "Find a resource",
        Summary = "Wellness resources by category",
        Body =
        [
            new TextBlock(intro ?? "What would help? Pick a category, or just tell me in your own words, e.g. **resources childcare**, **resources money advice**, **resources someone to talk to**."),
            CategoryChoice(),
            new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Subtle),
        ],
        Actions = [new SubmitAction("Show", Features.ResourcesDialog.CategoryAction) { Style = ActionStyle.Positive }],
    };

    private static ChoiceInput CategoryChoice() =>
        new(CategoryInput, "Category", ResourceCatalog.Categories.Select(c => new Choice(c.Title, c.Id)).ToList()) { Compact = true, Value = "mental-health" };

    /// <summary>The "next match" button's data: the resource it shows.</summary>
    public const string ResourceData = "resource";

    /// <summary>
    /// One resource. Every card offers a next step: its own link, number or command; when it has none yet (the catalog
    /// still says "TODO"), "ask the wellness office" with the office's contact from the catalog, and a button to the
    /// <paramref name="next"/> match when there is one not already on screen.
    /// </summary>
    public static Card For(Resource r, WellnessOffice office, IReadOnlyList<string>? because = null, Resource? next = null)
    {
        var facts = new List<Fact>();
        foreach (var phone in r.Phones.Where(p => !p.IsPlaceholder)) facts.Add(new Fact("Phone", $"{phone.Title}: **{phone.Value}**"));
        if (r.Hours is { } hours && !hours.StartsWith("TODO", StringComparison.OrdinalIgnoreCase)) facts.Add(new Fact("Hours", hours));
        facts.Add(new Fact("For", string.Join(", ", r.Eligibility)));
        facts.Add(new Fact("Cost", r.Free switch { true => "Free", false => "There may be a cost", null => "Ask" }));
        if (r.Confidential is { } confidential) facts.Add(new Fact("Confidential", confidential ? "Yes" : "No"));

        var body = new List<CardElement> { new TextBlock(r.Description) };
        if (r.Offers.Count > 0) body.Add(new TextBlock("**Offers:** " + string.Join(" · ", r.Offers)));
        body.Add(new FactSet(facts));
        if (r.InBot is { } inBot) body.Add(new TextBlock($"{inBot.Title}: type **{inBot.Command}** here."));

        var actions = new List<CardAction>();
        foreach (var link in r.Links.Where(l => !l.IsPlaceholder)) actions.Add(new OpenUrlAction(link.Title, new Uri(link.Value)));
        foreach (var phone in r.Phones.Where(p => !p.IsPlaceholder)) actions.Add(new OpenUrlAction("Call " + phone.Value, CatalogReader.TelUri(phone.Value)));
        if (actions.Count == 0 && r.InBot is null)
        {
            body.Add(new TextBlock($"**Ask the wellness office:** {office.Name}. {office.HowToReach}"));
            if (office.Phone is { IsPlaceholder: false } phone) actions.Add(new OpenUrlAction("Call " + phone.Value, CatalogReader.TelUri(phone.Value)));
            if (office.Url is { IsPlaceholder: false } url) actions.Add(new OpenUrlAction(office.Name, new Uri(url.Value)));
            if (next is not null)
                actions.Add(new SubmitAction("Next match: " + next.Name, Features.ResourcesDialog.ShowAction) { Data = new Dictionary<string, string> { [ResourceData] = next.Id } });
        }
        if (because is { Count: > 0 }) body.Add(new TextBlock(WhyThis(because), TextStyle.Subtle));
        return new Card(ResourceKind)
        {
            Title = r.Name,
            Summary = r.Name + ": " + r.Description,
            Body = body,
            Actions = actions.Take(5).ToList(), // Teams shows a handful of buttons; more would be cut
        };
    }

    public static Card NoMatch(string question, WellnessOffice office)
    {
        var facts = new List<Fact> { new(office.Name, office.HowToReach) };
        if (office.Phone is { IsPlaceholder: false } phone) facts.Add(new Fact("Phone", phone.Value));
        var actions = new List<CardAction> { new SubmitAction("Show", Features.ResourcesDialog.CategoryAction) };
        if (office.Url is { IsPlaceholder: false } url) actions.Add(new OpenUrlAction(office.Name, new Uri(url.Value)));
        return new Card(NoMatchKind)
        {
            Title = "I couldn't find that one",
            Summary = "No resource matched; here are the categories and the wellness office.",
            Body =
            [
                new TextBlock($"Sorry, I didn't find a resource for “{Shorten(question)}”. Try other words, or pick a category:"),
                CategoryChoice(),
                new TextBlock("Or ask a person:"),
                new FactSet(facts),
                new TextBlock(Safety.SafetyReplies.CrisisLine, TextStyle.Subtle),
            ],
            Actions = actions,
        };
    }

    /// <summary>"Why this: matches “mental health”, “counselling”": the words matched (a word inside a phrase already named is not named again), after any other reason.</summary>
    private static string WhyThis(IReadOnlyList<string> because)
    {
        var words = new List<string>();
        foreach (var word in because.Where(b => b.StartsWith('“')))
            if (!words.Any(w => w.Contains(word.Split('”')[0].TrimStart('“'), StringComparison.Ordinal))) words.Add(word);
        var reasons = because.Where(b => !b.StartsWith('“')).ToList();
        if (words.Count > 0) reasons.Add("matches " + string.Join(", ", words.Take(3)));
        return "Why this: " + string.Join("; ", reasons);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
