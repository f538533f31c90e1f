using System.Text.Json;

namespace WellnessBot.Dialogs.Resources;

/// <summary>
/// The short guide a peer supporter's offer card links to: how to open the conversation, what confidentiality
/// covers and where it ends, and what not to do. Coordinators keep it in the catalog ("supporterGuide"), with an
/// optional link to their program's own script; without one, <see cref="Default"/> stands in.
/// </summary>
public sealed record SupporterGuide(string Text, ResourceContact? Link)
{
    public const int MaxTextLength = 4000;

    /// <summary>A plain fallback, in the spirit of the Brigham model's outreach call; the catalog's own text replaces it.</summary>
    public static SupporterGuide Default { get; } = new(
        "**Opening.** Introduce yourself as a fellow clinician and H3 peer supporter. Say why you are calling in one line, then ask how they are doing. " +
        "Listen more than you speak; reactions like replaying the event, sleeplessness or doubt are normal, and you can say so.\n\n" +
        "**Confidentiality.** What they tell you stays between you and the H3 coordinators. It ends where someone's safety is at imminent risk: " +
        "then call 911 or 988 with them, and tell a coordinator.\n\n" +
        "**Don't.** Don't investigate the event, ask for clinical details, or judge the care. You are there for the person, not the case.",
        null);

    /// <summary>Reads "supporterGuide": {"text", "url"}; absent → <see cref="Default"/>. Problems are added, never thrown.</summary>
    public static SupporterGuide Read(JsonElement root, List<string> problems, Func<JsonElement, string, List<string>, string?> url)
    {
        if (!root.TryGetProperty("supporterGuide", out var guide)) return Default;
        if (guide.ValueKind != JsonValueKind.Object)
        {
            problems.Add("\"supporterGuide\": must be an object with \"text\" (and optionally \"url\")");
            return Default;
        }
        string? text = null;
        if (guide.TryGetProperty("text", out var t))
        {
            if (t.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(t.GetString()))
                problems.Add("supporterGuide: field 'text' must be a non-empty string");
            else if (t.GetString()!.Length > MaxTextLength)
                problems.Add($"supporterGuide: field 'text' is {t.GetString()!.Length} characters; keep it under {MaxTextLength} (it is read on a phone)");
            else text = t.GetString()!.Trim();
        }
        var link = url(guide, "supporterGuide: field 'url'", problems);
        return new SupporterGuide(text ?? Default.Text, link is null ? null : new ResourceContact("Our program's approach guide", link));
    }
}
