using WellnessBot.Dialogs.Engine;
using WellnessBot.Dialogs.Features;

namespace WellnessBot.Dialogs;

/// <summary>
/// Every intent the bot understands, on one screen. "/kudos …", "kudos …" and "@WellnessBot kudos …" all reach
/// the same line (the channel adapters strip the slash-command and the bot's own mention).
/// </summary>
public static class BotRoutes
{
    public static IReadOnlyList<Route> All { get; } =
    [
        new("kudos", typeof(UpcomingKudos))
        {
            Phrases = ["shout out", "shoutout", "shout-out"],
            HelpText = "Recognise a colleague (or yourself!) for the monthly program breakfast: **kudos @name thanks for…**",
        },
        new("support", typeof(UpcomingSupport))
        {
            Phrases = ["peer support", "i need to talk to someone", "i need someone to talk to", "talk to someone", "h3"],
            HelpText = "Ask privately for a Helping Healers Heal peer supporter after a difficult event.",
        },
        new("resources", typeof(UpcomingResources))
        {
            Phrases = ["resource", "find help"],
            HelpText = "Find wellness services: counseling, childcare, financial advice and more.",
        },
        new(HelpDialog.Command, typeof(HelpDialog))
        {
            Phrases = ["hi", "hello", "hey", "menu", "what can you do", "?"],
            HelpText = "Show this list.",
        },
        new("digest", typeof(UpcomingDigest))
        {
            CoordinatorsOnly = true,
            HelpText = "Coordinators: preview, post or export the monthly recognition digest.",
        },
    ];

    public static Route? ForDialogName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Command, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The route a message starts, and the rest of the message after the command word or phrase.</summary>
    public static (Route Route, string Argument)? Match(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('/')) trimmed = trimmed[1..].TrimStart();
        if (trimmed.Length == 0) return null;

        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end])) end++;
        var word = trimmed[..end];
        foreach (var route in All)
            if (string.Equals(route.Command, word, StringComparison.OrdinalIgnoreCase))
                return (route, trimmed[end..].Trim());

        var normalised = trimmed.TrimEnd('.', '!', '?', ' ').ToLowerInvariant();
        if (normalised.Length == 0) normalised = trimmed; // "?" alone
        foreach (var route in All)
            foreach (var phrase in route.Phrases)
                if (normalised == phrase || normalised.StartsWith(phrase + " ", StringComparison.Ordinal))
                    return (route, trimmed.Length > phrase.Length ? trimmed[phrase.Length..].Trim() : "");
        return null;
    }
}
