using System.Text.Json;
using System.Text.Json.Nodes;
using WellnessBot.Dialogs.Resources;

namespace WellnessBot.Bot.CoordinatorsConsole;

/// <summary>What the resource form edits: the words people read and every way to reach the service.</summary>
internal sealed class ResourceForm
{
    public string Id { get; set; } = "";
    public int BasedOn { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string? Hours { get; set; }
    public List<ContactForm> Links { get; set; } = [];
    public List<ContactForm> Phones { get; set; } = [];
    public bool Checked { get; set; }
}

/// <summary>Where the bot sends people when nothing matches: the program's wellness office.</summary>
internal sealed class OfficeForm
{
    public int BasedOn { get; set; }
    public string Name { get; set; } = "";
    public string HowToReach { get; set; } = "";
    public string? Url { get; set; }
    public string? Phone { get; set; }
}

/// <summary>A whole catalog pasted in (an export edited elsewhere, or another program's).</summary>
internal sealed class ImportForm
{
    public int BasedOn { get; set; }
    public string Catalog { get; set; } = "";
}

internal sealed class ContactForm
{
    public string? Title { get; set; }
    public string? Value { get; set; }
}

/// <summary>
/// A form's changes written into the catalog's JSON, leaving every other field as it was (offers, keywords,
/// categories, the fields the console does not edit), so the loader's own validation decides what can be saved.
/// </summary>
internal static class CatalogEdits
{
    private static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions Writing = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ResourceForm FormOf(Resource r, int version) => new()
    {
        Id = r.Id, BasedOn = version, Name = r.Name, Description = r.Description, Hours = r.Hours,
        Links = [.. r.Links.Select(l => new ContactForm { Title = l.Title, Value = l.Value }), new ContactForm()],
        Phones = [.. r.Phones.Select(p => new ContactForm { Title = p.Title, Value = p.Value }), new ContactForm()],
    };

    /// <summary>The catalog text with one resource changed; null when the catalog has no resource with that id.</summary>
    public static string? Apply(string catalog, ResourceForm form, DateOnly today)
    {
        var root = JsonNode.Parse(catalog, documentOptions: Reading)!.AsObject();
        if (root["resources"] is not JsonArray resources
            || resources.OfType<JsonObject>().FirstOrDefault(r => r["id"]?.GetValueKind() == JsonValueKind.String && r["id"]!.GetValue<string>() == form.Id) is not { } entry)
            return null;
        entry["name"] = form.Name.Trim();
        entry["description"] = form.Description.Trim();
        if (string.IsNullOrWhiteSpace(form.Hours)) entry.Remove("hours"); else entry["hours"] = form.Hours.Trim();
        entry["links"] = Contacts(form.Links, "url");
        entry["phones"] = Contacts(form.Phones, "number");
        if (form.Checked) entry["lastChecked"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return root.ToJsonString(Writing);
    }

    public static OfficeForm FormOf(WellnessOffice office, int version) => new()
    {
        BasedOn = version, Name = office.Name, HowToReach = office.HowToReach, Url = office.Url?.Value, Phone = office.Phone?.Value,
    };

    /// <summary>The catalog text with the wellness office's details changed (a blank link or number is removed).</summary>
    public static string Apply(string catalog, OfficeForm form)
    {
        var root = JsonNode.Parse(catalog, documentOptions: Reading)!.AsObject();
        var office = root["wellnessOffice"] as JsonObject ?? [];
        office["name"] = form.Name.Trim();
        office["howToReach"] = form.HowToReach.Trim();
        foreach (var (field, value) in new[] { ("url", form.Url), ("phone", form.Phone) })
            if (string.IsNullOrWhiteSpace(value)) office.Remove(field); else office[field] = value.Trim();
        root["wellnessOffice"] = office;
        return root.ToJsonString(Writing);
    }

    /// <summary>Rows left blank are dropped; a row with only a value gets its value as its title.</summary>
    private static JsonArray Contacts(IEnumerable<ContactForm> rows, string valueField) =>
        [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Value))
            .Select(r => (JsonNode)new JsonObject { ["title"] = string.IsNullOrWhiteSpace(r.Title) ? r.Value!.Trim() : r.Title.Trim(), [valueField] = r.Value!.Trim() })];
}
