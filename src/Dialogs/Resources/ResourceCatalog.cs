using System.Text.Json;

namespace WellnessBot.Dialogs.Resources;

/// <summary>One service of the program, as coordinators describe it in the catalog file.</summary>
public sealed record Resource
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<string> Offers { get; init; } = [];
    public required IReadOnlyList<string> Categories { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public IReadOnlyList<ResourceContact> Links { get; init; } = [];
    public IReadOnlyList<ResourceContact> Phones { get; init; } = [];
    public InBotAction? InBot { get; init; }
    public string? Hours { get; init; }
    public required IReadOnlyList<string> Eligibility { get; init; }
    /// <summary>Null: the program's materials do not say.</summary>
    public bool? Confidential { get; init; }
    public bool? Free { get; init; }
    /// <summary>When a coordinator last confirmed the details ("lastChecked": "2026-11-30"); null when never.</summary>
    public DateOnly? LastChecked { get; init; }

    /// <summary>Unchecked for six months, or never, or still holding a TODO: the console lists it first.</summary>
    public bool NeedsLooking(DateOnly today) =>
        LastChecked is not { } checkedOn || checkedOn < today.AddMonths(-6) || Links.Concat(Phones).Any(c => c.IsPlaceholder)
        || Hours?.StartsWith("TODO", StringComparison.OrdinalIgnoreCase) == true;
}

/// <summary>Where to send people when nothing matches.</summary>
public sealed record WellnessOffice(string Name, string HowToReach, ResourceContact? Url, ResourceContact? Phone);

/// <summary>The whole catalog: resources, the program-wide synonyms (word → category or keyword), and the wellness office.</summary>
public sealed record ResourceCatalog(IReadOnlyList<Resource> Resources, IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms, WellnessOffice Office,
    SupporterGuide? Guide = null)
{
    /// <summary>The peer supporters' approach guide: the catalog's, or the built-in one.</summary>
    public SupporterGuide SupporterGuide => Guide ?? SupporterGuide.Default;

    public static readonly IReadOnlyList<(string Id, string Title)> Categories =
    [
        ("mental-health", "Mental health"),
        ("crisis", "Crisis help"),
        ("counseling", "Counseling"),
        ("childcare", "Childcare"),
        ("finances", "Finances"),
        ("recreation", "Recreation"),
        ("peer-support", "Peer support"),
        ("recognition", "Recognition"),
        ("education", "Education"),
        ("physical-health", "Physical health"),
    ];

    public static readonly IReadOnlyList<string> Audiences = ["residents", "fellows", "students", "faculty", "staff"];

    public static string CategoryTitle(string id) => Categories.FirstOrDefault(c => c.Id == id).Title ?? id;

    /// <summary>Fields coordinators still have to fill, as "WellConnect: links[0].url".</summary>
    public IReadOnlyList<string> Placeholders() =>
    [
        .. Resources.SelectMany(r => r.Links.Select((l, i) => (l, $"{r.Name}: links[{i}].url"))
            .Concat(r.Phones.Select((p, i) => (p, $"{r.Name}: phones[{i}].number")))
            .Where(x => x.Item1.IsPlaceholder).Select(x => x.Item2)
            .Concat(r.Hours?.StartsWith("TODO", StringComparison.OrdinalIgnoreCase) == true ? [$"{r.Name}: hours"] : [])),
        .. new[] { (Office.Url, "wellnessOffice.url"), (Office.Phone, "wellnessOffice.phone"), (Guide?.Link, "supporterGuide.url") }
            .Where(x => x.Item1?.IsPlaceholder == true).Select(x => x.Item2),
    ];
}

/// <summary>Reads and validates the catalog file. Every problem is reported at once, each naming its entry and field.</summary>
public static class CatalogReader
{
    public const int MaxFileBytes = 2 * 1024 * 1024;

    public static ResourceCatalog Parse(string json, string file)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new CatalogException(file, [$"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {ex.Message.Split(" Path:")[0]}"]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new CatalogException(file, ["the file must hold one JSON object with \"resources\", \"synonyms\" and \"wellnessOffice\""]);

            var office = ReadOffice(root, problems);
            var guide = SupporterGuide.Read(root, problems, GuideUrl);
            var synonyms = ReadSynonyms(root, problems);
            var resources = new List<Resource>();
            if (!root.TryGetProperty("resources", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                problems.Add("\"resources\": a non-empty list of resources is required");
            else
            {
                var index = 0;
                var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var entry in list.EnumerateArray())
                {
                    var where = $"resources[{index}]";
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("id", out var idValue) && idValue.ValueKind == JsonValueKind.String)
                        where += $" (\"{idValue.GetString()}\")";
                    var resource = ReadResource(entry, where, problems);
                    if (resource is not null && !ids.Add(resource.Id)) problems.Add($"{where}: field 'id': \"{resource.Id}\" is used by another entry too; ids must be unique");
                    if (resource is not null) resources.Add(resource);
                    index++;
                }
            }
            if (problems.Count > 0) throw new CatalogException(file, problems);
            return new ResourceCatalog(resources, synonyms, office!, guide);
        }
    }

    private static WellnessOffice? ReadOffice(JsonElement root, List<string> problems)
    {
        if (!root.TryGetProperty("wellnessOffice", out var o) || o.ValueKind != JsonValueKind.Object)
        {
            problems.Add("\"wellnessOffice\": required, with \"name\" and \"howToReach\" (where to send people when nothing matches)");
            return null;
        }
        var name = Text(o, "name", "wellnessOffice", problems, required: true);
        var how = Text(o, "howToReach", "wellnessOffice", problems, required: true);
        var url = Text(o, "url", "wellnessOffice", problems, required: false);
        var phone = Text(o, "phone", "wellnessOffice", problems, required: false);
        if (url is not null) CheckUrl(url, "wellnessOffice: field 'url'", problems);
        if (phone is not null) CheckPhone(phone, "wellnessOffice: field 'phone'", problems);
        return new WellnessOffice(name ?? "", how ?? "", url is null ? null : new ResourceContact(name ?? "", url), phone is null ? null : new ResourceContact(name ?? "", phone));
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadSynonyms(JsonElement root, List<string> problems)
    {
        var synonyms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (!root.TryGetProperty("synonyms", out var s)) return synonyms;
        if (s.ValueKind != JsonValueKind.Object)
        {
            problems.Add("\"synonyms\": must be an object of word → list of words that mean the same");
            return synonyms;
        }
        foreach (var pair in s.EnumerateObject())
        {
            var words = Strings(pair.Value, $"synonyms: \"{pair.Name}\"", problems);
            if (words is not null) synonyms[pair.Name] = words;
        }
        return synonyms;
    }

    private static Resource? ReadResource(JsonElement e, string where, List<string> problems)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: each resource must be an object");
            return null;
        }
        var before = problems.Count;
        var id = Text(e, "id", where, problems, required: true);
        if (id is not null && !id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            problems.Add($"{where}: field 'id': \"{id}\" may hold only lower-case letters, digits and '-'");
        var name = Text(e, "name", where, problems, required: true);
        var description = Text(e, "description", where, problems, required: true);
        if (description is { Length: > 600 }) problems.Add($"{where}: field 'description': {description.Length} characters; keep it under 600 (it is shown on a card)");
        var categories = Strings(Property(e, "categories"), $"{where}: field 'categories'", problems, required: true) ?? [];
        if (categories.Count == 0 && problems.Count == before) problems.Add($"{where}: field 'categories': at least one category is required");
        foreach (var c in categories.Where(c => ResourceCatalog.Categories.All(k => k.Id != c)))
            problems.Add($"{where}: field 'categories': \"{c}\" is not a category (use: {string.Join(", ", ResourceCatalog.Categories.Select(k => k.Id))})");
        var eligibility = Strings(Property(e, "eligibility"), $"{where}: field 'eligibility'", problems, required: true) ?? [];
        foreach (var a in eligibility.Where(a => !ResourceCatalog.Audiences.Contains(a)))
            problems.Add($"{where}: field 'eligibility': \"{a}\" is not one of {string.Join(", ", ResourceCatalog.Audiences)}");
        var links = Contacts(e, "links", "url", where, problems, CheckUrl);
        var phones = Contacts(e, "phones", "number", where, problems, CheckPhone);
        InBotAction? inBot = null;
        if (e.TryGetProperty("inBot", out var ib) && ib.ValueKind != JsonValueKind.Null)
        {
            var command = ib.ValueKind == JsonValueKind.Object ? Text(ib, "command", $"{where}: inBot", problems, required: true) : null;
            var title = ib.ValueKind == JsonValueKind.Object ? Text(ib, "title", $"{where}: inBot", problems, required: true) : null;
            if (ib.ValueKind != JsonValueKind.Object) problems.Add($"{where}: field 'inBot': must be an object with \"command\" and \"title\"");
            else if (command is not null && command is not ("support" or "kudos" or "help"))
                problems.Add($"{where}: field 'inBot.command': \"{command}\" is not something the bot does (support, kudos, help)");
            if (command is not null && title is not null) inBot = new InBotAction(command, title);
        }
        var resource = new Resource
        {
            Id = id ?? "", Name = name ?? "", Description = description ?? "",
            Offers = Strings(Property(e, "offers"), $"{where}: field 'offers'", problems) ?? [],
            Categories = categories,
            Keywords = Strings(Property(e, "keywords"), $"{where}: field 'keywords'", problems) ?? [],
            Links = links, Phones = phones, InBot = inBot,
            Hours = Text(e, "hours", where, problems, required: false),
            Eligibility = eligibility,
            Confidential = Flag(e, "confidential", where, problems),
            Free = Flag(e, "free", where, problems),
            LastChecked = Date(e, "lastChecked", where, problems),
        };
        if (links.Count == 0 && phones.Count == 0 && inBot is null && problems.Count == before)
            problems.Add($"{where}: a resource needs at least one way to reach it: 'links', 'phones' or 'inBot' (a TODO placeholder is fine)");
        return problems.Count == before ? resource : null;
    }

    private static JsonElement? Property(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v : null;

    private static DateOnly? Date(JsonElement e, string field, string where, List<string> problems) =>
        Text(e, field, where, problems, required: false) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date
        : Problem<DateOnly?>(problems, $"{where}: field '{field}' must be a date like 2026-11-30", null);

    private static T Problem<T>(List<string> problems, string problem, T value) { problems.Add(problem); return value; }

    private static string? Text(JsonElement e, string field, string where, List<string> problems, bool required)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) problems.Add($"{where}: field '{field}' is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String) { problems.Add($"{where}: field '{field}' must be text"); return null; }
        var text = v.GetString()!.Trim();
        if (text.Length == 0 && required) { problems.Add($"{where}: field '{field}' is empty"); return null; }
        return text.Length == 0 ? null : text;
    }

    private static List<string>? Strings(JsonElement? value, string where, List<string> problems, bool required = false)
    {
        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            if (required) problems.Add($"{where} is required");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(x.GetString())))
        {
            problems.Add($"{where} must be a list of non-empty texts");
            return null;
        }
        return v.EnumerateArray().Select(x => x.GetString()!.Trim()).ToList();
    }

    private static bool? Flag(JsonElement e, string field, string where, List<string> problems)
    {
        if (!e.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        problems.Add($"{where}: field '{field}' must be true, false or null (not stated)");
        return null;
    }

    private static List<ResourceContact> Contacts(JsonElement e, string field, string valueName, string where, List<string> problems,
        Action<string, string, List<string>> check)
    {
        var found = new List<ResourceContact>();
        if (!e.TryGetProperty(field, out var list) || list.ValueKind == JsonValueKind.Null) return found;
        if (list.ValueKind != JsonValueKind.Array) { problems.Add($"{where}: field '{field}' must be a list"); return found; }
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var at = $"{where}: field '{field}[{i++}]'";
            if (item.ValueKind != JsonValueKind.Object) { problems.Add($"{at} must be an object with \"title\" and \"{valueName}\""); continue; }
            var title = Text(item, "title", at, problems, required: true);
            var value = Text(item, valueName, at, problems, required: true);
            if (value is null || title is null) continue;
            check(value, $"{where}: field '{field}[{i - 1}].{valueName}'", problems);
            found.Add(new ResourceContact(title, value));
        }
        return found;
    }

    private static string? GuideUrl(JsonElement guide, string where, List<string> problems)
    {
        var url = Text(guide, "url", "supporterGuide", problems, required: false);
        if (url is not null) CheckUrl(url, where, problems);
        return url;
    }

    private static void CheckUrl(string value, string where, List<string> problems)
    {
        if (value.StartsWith("TODO", StringComparison.OrdinalIgnoreCase)) return;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            problems.Add($"{where}: \"{value}\" is not an https:// link (or a \"TODO: …\" placeholder)");
    }

    private static void CheckPhone(string value, string where, List<string> problems)
    {
        if (value.StartsWith("TODO", StringComparison.OrdinalIgnoreCase)) return;
        var digits = value.Count(char.IsAsciiDigit);
        if (digits < 3 || digits > 15 || value.Any(c => !(char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')' or '.')))
            problems.Add($"{where}: \"{value}\" is not a phone number (digits, spaces, + - ( ) only; or a \"TODO: …\" placeholder)");
    }

    /// <summary>A tel: link for a phone number ("1-888-409-0141" → tel:18884090141).</summary>
    public static Uri TelUri(string number) => new("tel:" + new string(number.Where(c => char.IsAsciiDigit(c) || c == '+').ToArray()));
}
