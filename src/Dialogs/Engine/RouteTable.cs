namespace WellnessBot.Dialogs.Engine;

/// <summary>Finds the route a message starts. The product's routes are <see cref="BotRoutes.All"/>.</summary>
public sealed class RouteTable(IReadOnlyList<Route> routes)
{
    public IReadOnlyList<Route> Routes { get; } = routes;

    /// <summary>The dialog that says hello to a new install or member.</summary>
    public Type Welcome { get; init; } = BotRoutes.Welcome;

    /// <summary>The dialog (an <see cref="IAnswersPlainWords"/>) that answers words no route claimed.</summary>
    public Type PlainWords { get; init; } = BotRoutes.PlainWords;

    public Route? ForDialogName(string name) =>
        Routes.FirstOrDefault(r => string.Equals(r.Command, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The route a message starts, and the rest of the message after the command word or phrase.</summary>
    public (Route Route, string Argument)? Match(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('/')) trimmed = trimmed[1..].TrimStart();
        if (trimmed.Length == 0) return null;

        var end = 0;
        while (end < trimmed.Length && !char.IsWhiteSpace(trimmed[end])) end++;
        var word = trimmed[..end];
        foreach (var route in Routes)
            if (string.Equals(route.Command, word, StringComparison.OrdinalIgnoreCase))
                return (route, trimmed[end..].Trim());

        var normalised = trimmed.TrimEnd('.', '!', '?', ' ').ToLowerInvariant();
        if (normalised.Length == 0) normalised = trimmed; // "?" alone
        foreach (var route in Routes)
            foreach (var phrase in route.Phrases)
                if (normalised == phrase || !route.WholeMessageOnly && normalised.StartsWith(phrase + " ", StringComparison.Ordinal))
                    return (route, trimmed.Length > phrase.Length ? trimmed[phrase.Length..].Trim() : "");
        return null;
    }
}
